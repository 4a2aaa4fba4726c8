//! The OpenAPI 3 document of `/api/v1`, generated from the handlers'
//! annotations (utoipa), served at `/api/v1/openapi.json`.

use axum::response::IntoResponse;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::routes::api;

#[derive(OpenApi)]
#[openapi(
    info(title = "upright API", description = "Back-training and posture coach: plan, today, logs, pain, progress, history. Errors are {code, field, message}."),
    paths(api::profile, api::plan, api::make_plan, api::today_session, api::create_log, api::list_logs, api::get_log,
          api::delete_log, api::log_pain, api::progress, api::history, api::list_tokens, api::create_token, api::revoke_token),
    components(schemas(crate::error::WebError, api::LogBody, api::PainBody, api::TokenBody)),
    modifiers(&Bearer)
)]
pub struct ApiDoc;

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("a personal API token from settings"))
                    .build(),
            ),
        );
    }
}

pub async fn document() -> impl IntoResponse {
    axum::Json(ApiDoc::openapi())
}
