locals {
  # The pipeline's topics: TOPICS in shared/domain/events.ts, and the sweep the scheduler
  # starts. The Terraform test checks this list against the code.
  pipeline_topics = ["submit", "build-complete", "deploy", "test-runner", "teardown", "dead-letter", "sweep"]

  # The function each topic is pushed to. The subscription of topic T is "T-judge", the
  # name the Pub/Sub bus (shared/adapters/gcp/bus) uses too.
  deliveries = {
    "submit"         = "submit"
    "build-complete" = "build-complete"
    "cloud-builds"   = "build-complete"
    "deploy"         = "deploy"
    "test-runner"    = "test-runner"
    "teardown"       = "teardown"
    "dead-letter"    = "dead-letter"
    "sweep"          = "sweep"
  }

  # Messages the dead-letter step cannot act on (they name no submission, or are its own)
  # are parked after their last delivery, kept a week to be looked at.
  parked = ["cloud-builds", "dead-letter", "sweep"]

  topic_ids = merge(
    { for topic in local.pipeline_topics : topic => google_pubsub_topic.pipeline[topic].id },
    { "cloud-builds" = google_pubsub_topic.cloud_builds.id },
  )

  pubsub_agent = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_pubsub_topic" "pipeline" {
  for_each = toset(local.pipeline_topics)

  name = each.key

  depends_on = [google_project_service.api]
}

# Cloud Build publishes every build's status changes here. Enabling the Cloud Build API may
# have made it already: then import it first (see docs/deploy-gcp.md).
resource "google_pubsub_topic" "cloud_builds" {
  name = "cloud-builds"

  depends_on = [google_project_service.api]
}

resource "google_pubsub_topic" "parked" {
  name = "dead-letter-parked"

  depends_on = [google_project_service.api]
}

resource "google_pubsub_subscription" "parked" {
  name                       = "dead-letter-parked"
  topic                      = google_pubsub_topic.parked.id
  message_retention_duration = "604800s"

  expiration_policy {
    ttl = ""
  }
}

# Each topic pushed to its function with an ID token of the pusher account, for the
# function's URL. A function
# answers 204 to acknowledge and 500 to be delivered again after the back-off; after
# max_delivery_attempts the message becomes a dead letter. The ack deadline is Pub/Sub's
# longest, beyond a step function's own time limit.
resource "google_pubsub_subscription" "push" {
  for_each = local.deliveries

  name                 = "${each.key}-judge"
  topic                = local.topic_ids[each.key]
  ack_deadline_seconds = 600

  push_config {
    push_endpoint = local.function_urls[each.value]

    # The function checks this token itself too (signature, audience, this email): a call
    # with any other identity, a node's included, is refused before the message is read.
    oidc_token {
      service_account_email = google_service_account.pusher.email
      audience              = local.function_urls[each.value]
    }
  }

  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }

  dead_letter_policy {
    dead_letter_topic     = contains(local.parked, each.key) ? google_pubsub_topic.parked.id : google_pubsub_topic.pipeline["dead-letter"].id
    max_delivery_attempts = var.max_delivery_attempts
  }

  expiration_policy {
    ttl = ""
  }

  # The endpoint is computed, not read from the function: wait for the functions, and for the
  # pusher's right to call them.
  depends_on = [
    google_cloudfunctions2_function.function,
    google_cloud_run_v2_service_iam_member.pusher,
    google_pubsub_topic_iam_member.dead_letters_in,
    google_pubsub_topic_iam_member.parked_in,
  ]
}

# Pub/Sub's own service agent moves dead letters: it publishes to the dead-letter topics,
# acknowledges on the source subscriptions, and signs the pusher's ID tokens.
resource "google_pubsub_topic_iam_member" "dead_letters_in" {
  topic  = google_pubsub_topic.pipeline["dead-letter"].name
  role   = "roles/pubsub.publisher"
  member = local.pubsub_agent
}

resource "google_pubsub_topic_iam_member" "parked_in" {
  topic  = google_pubsub_topic.parked.name
  role   = "roles/pubsub.publisher"
  member = local.pubsub_agent
}

resource "google_pubsub_subscription_iam_member" "dead_letters_out" {
  for_each = google_pubsub_subscription.push

  subscription = each.value.name
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_agent
}

resource "google_service_account_iam_member" "pusher_tokens" {
  service_account_id = google_service_account.pusher.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = local.pubsub_agent
}

# The pusher may call the functions that topics are pushed to, and nothing else.
resource "google_cloud_run_v2_service_iam_member" "pusher" {
  for_each = toset(values(local.deliveries))

  location = var.region
  name     = google_cloudfunctions2_function.function[each.key].service_config[0].service
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.pusher.email}"
}
