# One node image per submission, pushed by Cloud Build and run by the Cloud Run nodes.
resource "google_artifact_registry_repository" "nodes" {
  location      = var.region
  repository_id = "${var.name}-nodes"
  description   = "Node images of judged submissions, one per submission."
  format        = "DOCKER"

  cleanup_policies {
    id     = "delete-old-images"
    action = "DELETE"
    condition {
      older_than = "${var.artifact_retention_days * 86400}s"
    }
  }

  depends_on = [google_project_service.api]
}

locals {
  image_repository = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.nodes.repository_id}"
}
