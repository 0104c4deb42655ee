output "api_url" {
  description = "The web UI (open it in a browser) and the HTTP API under /api/distributed (POST /api/distributed/submissions to judge a submission)."
  value       = google_cloudfunctions2_function.function["api"].service_config[0].uri
}

output "function_urls" {
  description = "Every function's URL, by function name."
  value       = { for name, f in google_cloudfunctions2_function.function : name => f.service_config[0].uri }
}

output "topics" {
  description = "The pipeline's Pub/Sub topics by name, and Cloud Build's."
  value       = local.topic_ids
}

output "dead_letter_parked_subscription" {
  description = "Dead letters no step can act on, kept a week: read them with gcloud pubsub subscriptions pull."
  value       = google_pubsub_subscription.parked.id
}

output "submissions_bucket" {
  description = "The bucket holding submissions' sources (for Cloud Build) and scenario evidence."
  value       = google_storage_bucket.submissions.name
}

output "functions_bucket" {
  description = "The bucket Terraform uploads the function bundles to."
  value       = google_storage_bucket.functions.name
}

output "image_repository" {
  description = "The Artifact Registry repository of the node images."
  value       = local.image_repository
}

output "firestore_database" {
  description = "The Firestore database holding submissions."
  value       = google_firestore_database.judge.name
}

output "node_service_account" {
  description = "The service account the Cloud Run nodes run as."
  value       = google_service_account.nodes.email
}
