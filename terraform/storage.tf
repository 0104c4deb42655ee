# The function bundles Terraform uploads for Cloud Functions to build.
resource "google_storage_bucket" "functions" {
  name                        = "${var.project_id}-${var.name}-functions"
  location                    = var.region
  uniform_bucket_level_access = true
  force_destroy               = true

  depends_on = [google_project_service.api]
}

# Submissions' sources for Cloud Build, and the scenarios' evidence the api serves.
resource "google_storage_bucket" "submissions" {
  name                        = "${var.project_id}-${var.name}-submissions"
  location                    = var.region
  uniform_bucket_level_access = true

  lifecycle_rule {
    condition {
      age = var.artifact_retention_days
    }
    action {
      type = "Delete"
    }
  }

  depends_on = [google_project_service.api]
}
