//! The `calendar_subscriptions` table on both databases (issue 15): one link
//! per person, found by its hash only, replaced by a new one, revoked.

use super::*;

fn hash(c: char) -> String {
    c.to_string().repeat(64)
}

pub async fn calendar_subscriptions_replace_and_revoke(store: &Store) {
    let ann = store.ensure_user("web:ann").await.unwrap();
    let bob = store.ensure_user("web:bob").await.unwrap();
    assert_eq!(store.calendar_subscription(ann.id).await.unwrap(), None);
    assert_eq!(
        store.user_by_calendar_token(&hash('a')).await.unwrap(),
        None
    );

    store
        .set_calendar_subscription(ann.id, &hash('a'))
        .await
        .unwrap();
    store
        .set_calendar_subscription(bob.id, &hash('b'))
        .await
        .unwrap();
    let since = store
        .calendar_subscription(ann.id)
        .await
        .unwrap()
        .expect("a link");
    assert!((chrono::Utc::now() - since).num_seconds().abs() < 60);
    assert_eq!(
        store
            .user_by_calendar_token(&hash('a'))
            .await
            .unwrap()
            .map(|u| u.id),
        Some(ann.id)
    );
    assert_eq!(
        store
            .user_by_calendar_token(&hash('b'))
            .await
            .unwrap()
            .map(|u| u.id),
        Some(bob.id)
    );

    // A new link replaces the old one: the old hash names nobody.
    store
        .set_calendar_subscription(ann.id, &hash('c'))
        .await
        .unwrap();
    assert_eq!(
        store.user_by_calendar_token(&hash('a')).await.unwrap(),
        None
    );
    assert_eq!(
        store
            .user_by_calendar_token(&hash('c'))
            .await
            .unwrap()
            .map(|u| u.id),
        Some(ann.id)
    );

    // Another person's hash cannot be taken (unique), and nothing changes.
    let err = store
        .set_calendar_subscription(ann.id, &hash('b'))
        .await
        .unwrap_err();
    assert!(!matches!(err, StoreError::Invalid { .. }), "{err}");
    assert_eq!(
        store
            .user_by_calendar_token(&hash('b'))
            .await
            .unwrap()
            .map(|u| u.id),
        Some(bob.id)
    );
    assert_eq!(
        store
            .user_by_calendar_token(&hash('c'))
            .await
            .unwrap()
            .map(|u| u.id),
        Some(ann.id),
        "the failed replace left the old link"
    );

    // Revoking one person's link leaves the other's.
    assert!(store.revoke_calendar_subscription(ann.id).await.unwrap());
    assert!(
        !store.revoke_calendar_subscription(ann.id).await.unwrap(),
        "nothing left to revoke"
    );
    assert_eq!(
        store.user_by_calendar_token(&hash('c')).await.unwrap(),
        None
    );
    assert_eq!(store.calendar_subscription(ann.id).await.unwrap(), None);
    assert_eq!(
        store
            .user_by_calendar_token(&hash('b'))
            .await
            .unwrap()
            .map(|u| u.id),
        Some(bob.id)
    );
}

pub async fn calendar_subscriptions_check_input(store: &Store) {
    let ann = store.ensure_user("web:ann").await.unwrap();
    for bad in ["", "abc", &"g".repeat(64), &"a".repeat(65)] {
        let err = store
            .set_calendar_subscription(ann.id, bad)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("token"), "{bad}: {err}");
    }
    let err = store
        .set_calendar_subscription(UserId(999_999), &hash('d'))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("user"), "{err}");
    assert_eq!(store.calendar_subscription(ann.id).await.unwrap(), None);
}
