resource "google_compute_network" "judge" {
  name                    = var.name
  auto_create_subnetworks = false

  depends_on = [google_project_service.api]
}

# The nodes' Direct VPC egress. With Private Google Access their calls to each other's
# run.app URLs stay on Google's network, where internal ingress accepts them.
resource "google_compute_subnetwork" "nodes" {
  name                     = "${var.name}-nodes"
  region                   = var.region
  network                  = google_compute_network.judge.id
  ip_cidr_range            = var.nodes_subnet_cidr
  private_ip_google_access = true
}

# The functions send everything through this connector (all-traffic egress): the nodes'
# internal services, and Google's APIs through Private Google Access.
resource "google_compute_subnetwork" "connector" {
  name                     = "${var.name}-connector"
  region                   = var.region
  network                  = google_compute_network.judge.id
  ip_cidr_range            = var.connector_cidr
  private_ip_google_access = true
}

resource "google_vpc_access_connector" "functions" {
  name          = "${var.name}-fn"
  region        = var.region
  machine_type  = "e2-micro"
  min_instances = 2
  max_instances = 3

  subnet {
    name = google_compute_subnetwork.connector.name
  }
}
