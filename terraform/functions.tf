locals {
  # Every function: CLOUD_FUNCTIONS in functions/cloud/catalog.ts, which the Terraform test
  # checks this against. Its service account gets roles on the project, roles/pubsub.publisher
  # on the topics it publishes to, bucket_roles on the submissions bucket, and
  # roles/iam.serviceAccountUser on the runtime accounts it starts work as (act_as).
  # deploy and test-runner make clusters: roles/run.admin, because the cluster adapter sets
  # each node service's invokers (run.services.setIamPolicy, which run.developer lacks).
  functions = {
    "api" = {
      target          = "api"
      memory          = "512Mi"
      timeout_seconds = 60
      concurrency     = 40
      roles           = ["roles/datastore.user"]
      publishes       = ["submit"]
      bucket_roles    = ["roles/storage.objectViewer"]
      act_as          = []
      # The web UI it serves: /config.json (functions/cloud/web-config.ts, WEB_UI_ENV).
      env = {
        CLUSTERJUDGE_FIREBASE_API_KEY     = data.google_firebase_web_app_config.ui.api_key
        CLUSTERJUDGE_FIREBASE_AUTH_DOMAIN = data.google_firebase_web_app_config.ui.auth_domain
        CLUSTERJUDGE_FIREBASE_APP_ID      = google_firebase_web_app.ui.app_id
        CLUSTERJUDGE_SIGN_IN_METHODS      = join(",", var.sign_in_methods)
        # Submissions per user per hour (functions/api/submission-rate.ts), counted in Firestore.
        CLUSTERJUDGE_SUBMISSIONS_PER_HOUR = var.submissions_per_hour
      }
    }
    "submit" = {
      target          = "submit"
      memory          = "512Mi"
      timeout_seconds = 540
      concurrency     = 1
      roles           = ["roles/datastore.user", "roles/cloudbuild.builds.editor"]
      publishes       = ["build-complete"]
      bucket_roles    = ["roles/storage.objectCreator"]
      act_as          = ["builds"]
      env             = {}
    }
    "build-complete" = {
      target          = "buildComplete"
      memory          = "512Mi"
      timeout_seconds = 540
      concurrency     = 1
      roles           = ["roles/datastore.user"]
      publishes       = ["deploy"]
      bucket_roles    = ["roles/storage.objectViewer"]
      act_as          = []
      env             = {}
    }
    "deploy" = {
      target          = "deploy"
      memory          = "512Mi"
      timeout_seconds = 540
      concurrency     = 1
      roles           = ["roles/datastore.user", "roles/run.admin"]
      publishes       = ["test-runner", "teardown"]
      bucket_roles    = []
      act_as          = ["nodes"]
      env             = {}
    }
    "test-runner" = {
      target          = "testRunner"
      memory          = "2Gi"
      timeout_seconds = 540
      concurrency     = 1
      roles           = ["roles/datastore.user", "roles/run.admin"]
      publishes       = ["test-runner", "teardown"]
      bucket_roles    = ["roles/storage.objectCreator"]
      act_as          = ["nodes"]
      env             = {}
    }
    "teardown" = {
      target          = "teardown"
      memory          = "512Mi"
      timeout_seconds = 540
      concurrency     = 1
      roles           = ["roles/datastore.user", "roles/run.developer"]
      publishes       = []
      bucket_roles    = []
      act_as          = []
      env             = {}
    }
    "sweep" = {
      target          = "sweep"
      memory          = "512Mi"
      timeout_seconds = 60
      concurrency     = 1
      roles           = ["roles/datastore.user"]
      publishes       = ["teardown"]
      bucket_roles    = []
      act_as          = []
      env             = {}
    }
    "dead-letter" = {
      target          = "deadLetter"
      memory          = "512Mi"
      timeout_seconds = 60
      concurrency     = 1
      roles           = ["roles/datastore.user"]
      publishes       = ["teardown"]
      bucket_roles    = []
      act_as          = []
      env             = {}
    }
  }

  # The functions that call the nodes' agents (the catalog's callsNodes): with the nodes' own
  # account, the only invokers of each node's service (set by the cluster adapter).
  node_callers = ["deploy", "test-runner"]

  # Each function's URL: Cloud Run's deterministic one, known before the function exists. Its
  # push subscription posts there and signs its tokens for it (audience).
  function_urls = {
    for name in keys(local.functions) : name => "https://${var.name}-${name}-${data.google_project.this.number}.${var.region}.run.app"
  }

  # What a step function checks a push's token against (functions/cloud/push-auth.ts,
  # PUSH_ENV): its own URL as audience, and the pusher account.
  push_env = {
    for name in distinct(values(local.deliveries)) : name => {
      CLUSTERJUDGE_PUSH_AUDIENCE        = local.function_urls[name]
      CLUSTERJUDGE_PUSH_SERVICE_ACCOUNT = google_service_account.pusher.email
    }
  }

  # The environment of every function: CLOUD_ENV in functions/cloud/env.ts. A function's own
  # variables (its `env` above, the catalog's `env`) are added to it, and a step function's
  # push_env.
  function_env = {
    GOOGLE_CLOUD_PROJECT               = var.project_id
    CLUSTERJUDGE_PROJECT_NUMBER        = data.google_project.this.number
    CLUSTERJUDGE_REGION                = var.region
    CLUSTERJUDGE_BUCKET                = google_storage_bucket.submissions.name
    CLUSTERJUDGE_IMAGE_REPOSITORY      = local.image_repository
    CLUSTERJUDGE_NODE_SERVICE_ACCOUNT  = google_service_account.nodes.email
    CLUSTERJUDGE_NODE_INVOKERS         = join(",", [for name in local.node_callers : google_service_account.function[name].email])
    CLUSTERJUDGE_BUILD_SERVICE_ACCOUNT = google_service_account.builds.email
    CLUSTERJUDGE_VPC_NETWORK           = google_compute_network.judge.name
    CLUSTERJUDGE_VPC_SUBNETWORK        = google_compute_subnetwork.nodes.name
  }
}

data "archive_file" "bundle" {
  for_each = local.functions

  type        = "zip"
  source_dir  = "${path.module}/${var.bundles_dir}/${each.key}"
  output_path = "${path.module}/.terraform/bundles/${each.key}.zip"
}

# Named by content, so a changed bundle is a new object and the function is built again.
resource "google_storage_bucket_object" "bundle" {
  for_each = local.functions

  bucket = google_storage_bucket.functions.name
  name   = "${each.key}/${data.archive_file.bundle[each.key].output_md5}.zip"
  source = data.archive_file.bundle[each.key].output_path
}

# Cloud Functions (2nd gen) install each bundle's package.json and run it on Node.js 20.
# Only the api takes requests from outside; the others take Pub/Sub's pushes (internal).
resource "google_cloudfunctions2_function" "function" {
  for_each = local.functions

  name     = "${var.name}-${each.key}"
  location = var.region

  build_config {
    runtime     = "nodejs20"
    entry_point = each.value.target

    source {
      storage_source {
        bucket = google_storage_bucket.functions.name
        object = google_storage_bucket_object.bundle[each.key].name
      }
    }
  }

  service_config {
    available_memory                 = each.value.memory
    available_cpu                    = "1"
    timeout_seconds                  = each.value.timeout_seconds
    max_instance_count               = 10
    max_instance_request_concurrency = each.value.concurrency
    ingress_settings                 = each.key == "api" ? "ALLOW_ALL" : "ALLOW_INTERNAL_ONLY"
    service_account_email            = google_service_account.function[each.key].email
    vpc_connector                    = google_vpc_access_connector.functions.id
    vpc_connector_egress_settings    = "ALL_TRAFFIC"
    environment_variables            = merge(local.function_env, each.value.env, lookup(local.push_env, each.key, {}))
  }

  depends_on = [google_project_service.api]
}

resource "google_cloud_run_v2_service_iam_member" "public_api" {
  count = var.public_api ? 1 : 0

  location = var.region
  name     = google_cloudfunctions2_function.function["api"].service_config[0].service
  role     = "roles/run.invoker"
  member   = "allUsers"
}
