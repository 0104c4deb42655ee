# Every few minutes the sweep tears down clusters left idle (functions/sweep).
resource "google_cloud_scheduler_job" "sweep" {
  name      = "${var.name}-sweep"
  region    = var.region
  schedule  = var.sweep_schedule
  time_zone = "Etc/UTC"

  pubsub_target {
    topic_name = google_pubsub_topic.pipeline["sweep"].id
    data       = base64encode(jsonencode({ reason = "schedule" }))
  }

  depends_on = [google_project_service.api]
}
