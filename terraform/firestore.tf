# Submission state. The functions use the server client library, which rules do not apply
# to; the rules govern the web UI's live listeners (users read only their own submissions).
resource "google_firestore_database" "judge" {
  name        = "(default)"
  location_id = var.firestore_location
  type        = "FIRESTORE_NATIVE"

  depends_on = [google_project_service.api]
}

resource "google_firebaserules_ruleset" "firestore" {
  project = var.project_id

  source {
    files {
      name    = "firestore.rules"
      content = file("${path.module}/../firestore/firestore.rules")
    }
  }

  depends_on = [google_firestore_database.judge]
}

resource "google_firebaserules_release" "firestore" {
  project      = var.project_id
  name         = "cloud.firestore"
  ruleset_name = "projects/${var.project_id}/rulesets/${google_firebaserules_ruleset.firestore.name}"

  lifecycle {
    replace_triggered_by = [google_firebaserules_ruleset.firestore]
  }
}

locals {
  # The composite indexes the store's queries need, and the fields kept out of automatic
  # indexing (large maps nobody queries), in the Firebase CLI's format.
  firestore_index_file = jsondecode(file("${path.module}/../firestore/firestore.indexes.json"))
}

resource "google_firestore_index" "query" {
  for_each = { for i, index in local.firestore_index_file.indexes : tostring(i) => index }

  database    = google_firestore_database.judge.name
  collection  = each.value.collectionGroup
  query_scope = lookup(each.value, "queryScope", "COLLECTION")

  dynamic "fields" {
    for_each = each.value.fields
    content {
      field_path   = fields.value.fieldPath
      order        = lookup(fields.value, "order", null)
      array_config = lookup(fields.value, "arrayConfig", null)
    }
  }
}

resource "google_firestore_field" "override" {
  for_each = { for o in local.firestore_index_file.fieldOverrides : "${o.collectionGroup}.${o.fieldPath}" => o }

  database   = google_firestore_database.judge.name
  collection = each.value.collectionGroup
  field      = each.value.fieldPath

  # No indexes listed: the field's automatic single-field indexes are off.
  index_config {
    dynamic "indexes" {
      for_each = each.value.indexes
      content {
        order        = lookup(indexes.value, "order", null)
        array_config = lookup(indexes.value, "arrayConfig", null)
        query_scope  = lookup(indexes.value, "queryScope", null)
      }
    }
  }
}
