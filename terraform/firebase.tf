# Signing in to the web UI the api function serves: Firebase on the project, a Firebase web
# app (its API key and auth domain go into the api's environment, for /config.json), and
# Identity Platform with email and password on, the api's own domain authorized. Google
# sign-in needs an OAuth client, which only the console makes: give its id and secret here, or
# enable Google in the Firebase console by hand (docs/deploy-gcp.md, "Sign-in").
resource "google_firebase_project" "judge" {
  provider = google-beta
  project  = var.project_id

  depends_on = [google_project_service.api]
}

resource "google_firebase_web_app" "ui" {
  provider     = google-beta
  project      = var.project_id
  display_name = "${var.name} web UI"

  depends_on = [google_firebase_project.judge]
}

data "google_firebase_web_app_config" "ui" {
  provider   = google-beta
  project    = var.project_id
  web_app_id = google_firebase_web_app.ui.app_id
}

locals {
  # The api function's host, where the UI runs (api_url); Firebase's own domains host the
  # Google sign-in pop-up's handler.
  api_host = trimprefix(google_cloudfunctions2_function.function["api"].service_config[0].uri, "https://")
}

resource "google_identity_platform_config" "judge" {
  project = var.project_id
  authorized_domains = [
    local.api_host,
    "${var.project_id}.firebaseapp.com",
    "${var.project_id}.web.app",
  ]

  sign_in {
    allow_duplicate_emails = false

    email {
      enabled           = contains(var.sign_in_methods, "password")
      password_required = true
    }
  }

  depends_on = [google_firebase_project.judge]
}

resource "google_identity_platform_default_supported_idp_config" "google" {
  count = contains(var.sign_in_methods, "google") && var.google_oauth_client_id != "" ? 1 : 0

  project       = var.project_id
  idp_id        = "google.com"
  client_id     = var.google_oauth_client_id
  client_secret = var.google_oauth_client_secret
  enabled       = true

  depends_on = [google_identity_platform_config.judge]
}
