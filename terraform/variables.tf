variable "project_id" {
  description = "The Google Cloud project the judge runs in (one judge per project: its Pub/Sub topics have fixed names)."
  type        = string
}

variable "region" {
  description = "Region of the functions, the Cloud Run nodes, Artifact Registry, the buckets and the scheduler job."
  type        = string
  default     = "europe-west1"
}

variable "name" {
  description = "Prefix of the names of the functions, service accounts, buckets, network and repository the judge makes."
  type        = string
  default     = "clusterjudge"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,13}$", var.name))
    error_message = "The name must be 3 to 14 lowercase letters, digits or hyphens, starting with a letter: service account ids hold at most 30 characters."
  }
}

variable "bundles_dir" {
  description = "Where `npm run build` wrote the function bundles, one folder per function (relative to this folder)."
  type        = string
  default     = "../dist/functions"
}

variable "firestore_location" {
  description = "Location of the Firestore database: a region or a multi-region such as eur3 or nam5."
  type        = string
  default     = "eur3"
}

variable "max_delivery_attempts" {
  description = "Deliveries of one pipeline message before Pub/Sub moves it to the dead-letter topic (5 to 100)."
  type        = number
  default     = 5
}

variable "sweep_schedule" {
  description = "When Cloud Scheduler publishes to the sweep topic (cron syntax, UTC)."
  type        = string
  default     = "*/5 * * * *"
}

variable "nodes_subnet_cidr" {
  description = "The subnet the Cloud Run nodes send through (Direct VPC egress), so calls between them count as internal."
  type        = string
  default     = "10.10.0.0/24"
}

variable "connector_cidr" {
  description = "An unused /28 for the Serverless VPC Access connector the functions reach the nodes' internal services through."
  type        = string
  default     = "10.8.0.0/28"
}

variable "public_api" {
  description = "Whether anyone on the internet may call the api function; when false, only callers granted roles/run.invoker."
  type        = bool
  default     = true
}

variable "artifact_retention_days" {
  description = "Days a node image and a submission's source stay in Artifact Registry and the sources bucket."
  type        = number
  default     = 7
}

variable "sign_in_methods" {
  description = "How people sign in to the web UI: \"google\" (a pop-up) and \"password\" (email and password)."
  type        = list(string)
  default     = ["google", "password"]

  validation {
    condition     = length(var.sign_in_methods) > 0 && alltrue([for m in var.sign_in_methods : contains(["google", "password"], m)])
    error_message = "Sign-in methods are \"google\" and \"password\", at least one."
  }
}

variable "google_oauth_client_id" {
  description = "The OAuth client (web application) Google sign-in uses; empty to enable Google sign-in in the Firebase console by hand instead."
  type        = string
  default     = ""
}

variable "google_oauth_client_secret" {
  description = "That OAuth client's secret."
  type        = string
  default     = ""
  sensitive   = true
}

variable "submissions_per_hour" {
  description = "Submissions one signed-in user may make in any hour (the api answers 429 past it), or \"off\" for no limit."
  type        = string
  default     = "30"

  validation {
    condition     = var.submissions_per_hour == "off" || can(regex("^[1-9][0-9]*$", var.submissions_per_hour))
    error_message = "submissions_per_hour is a whole number of at least 1, or \"off\"."
  }
}
