# One service account per function, holding only the roles its code needs.
resource "google_service_account" "function" {
  for_each = local.functions

  account_id   = "${var.name}-${each.key}"
  display_name = "${var.name} ${each.key} function"
}

# The nodes: no project roles at all. The cluster adapter gives this account (and the
# node_callers' accounts) roles/run.invoker on each node's service as it makes it, so a node
# can call its peers and nothing else: not the functions, not any other service.
resource "google_service_account" "nodes" {
  account_id   = "${var.name}-nodes"
  display_name = "${var.name} Cloud Run nodes"
}

# Cloud Build runs submissions' builds as this account.
resource "google_service_account" "builds" {
  account_id   = "${var.name}-builds"
  display_name = "${var.name} Cloud Build builds"
}

# Pub/Sub's push subscriptions call the functions as this account.
resource "google_service_account" "pusher" {
  account_id   = "${var.name}-pusher"
  display_name = "${var.name} Pub/Sub pushes"
}

locals {
  function_project_roles = merge([
    for name, f in local.functions : {
      for role in f.roles : "${name} ${role}" => { function = name, role = role }
    }
  ]...)

  function_publishes = merge([
    for name, f in local.functions : {
      for topic in f.publishes : "${name} ${topic}" => { function = name, topic = topic }
    }
  ]...)

  function_bucket_roles = merge([
    for name, f in local.functions : {
      for role in f.bucket_roles : "${name} ${role}" => { function = name, role = role }
    }
  ]...)

  function_act_as = merge([
    for name, f in local.functions : {
      for runtime in f.act_as : "${name} ${runtime}" => { function = name, runtime = runtime }
    }
  ]...)

  runtime_accounts = {
    nodes  = google_service_account.nodes.name
    builds = google_service_account.builds.name
  }
}

resource "google_project_iam_member" "function" {
  for_each = local.function_project_roles

  project = var.project_id
  role    = each.value.role
  member  = "serviceAccount:${google_service_account.function[each.value.function].email}"
}

resource "google_pubsub_topic_iam_member" "function_publishes" {
  for_each = local.function_publishes

  topic  = google_pubsub_topic.pipeline[each.value.topic].name
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:${google_service_account.function[each.value.function].email}"
}

resource "google_storage_bucket_iam_member" "function" {
  for_each = local.function_bucket_roles

  bucket = google_storage_bucket.submissions.name
  role   = each.value.role
  member = "serviceAccount:${google_service_account.function[each.value.function].email}"
}

resource "google_service_account_iam_member" "function_act_as" {
  for_each = local.function_act_as

  service_account_id = local.runtime_accounts[each.value.runtime]
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:${google_service_account.function[each.value.function].email}"
}

resource "google_artifact_registry_repository_iam_member" "builds_push" {
  location   = google_artifact_registry_repository.nodes.location
  repository = google_artifact_registry_repository.nodes.name
  role       = "roles/artifactregistry.writer"
  member     = "serviceAccount:${google_service_account.builds.email}"
}

resource "google_project_iam_member" "builds_log" {
  project = var.project_id
  role    = "roles/logging.logWriter"
  member  = "serviceAccount:${google_service_account.builds.email}"
}

# Builds read their source archive and write their log (which build-complete reads back).
resource "google_storage_bucket_iam_member" "builds_sources_and_logs" {
  bucket = google_storage_bucket.submissions.name
  role   = "roles/storage.objectAdmin"
  member = "serviceAccount:${google_service_account.builds.email}"
}

# Cloud Run pulls the node images as its service agent.
resource "google_artifact_registry_repository_iam_member" "run_agent_pull" {
  location   = google_artifact_registry_repository.nodes.location
  repository = google_artifact_registry_repository.nodes.name
  role       = "roles/artifactregistry.reader"
  member     = "serviceAccount:service-${data.google_project.this.number}@serverless-robot-prod.iam.gserviceaccount.com"
}
