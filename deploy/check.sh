#!/usr/bin/env bash
# Static checks of the deployment files and dashboards, no services needed:
#   deploy/check.sh            # from anywhere in the repository
# The checks themselves are the JUnit test DeployFilesTest of the dashboards module (parsing,
# pinned images, mounted files exist, no literal secrets, dashboard uids and data sources,
# Asia/Shanghai days in every query, the launcher run as migrate and bridge only). When kubectl
# or docker compose are installed, the Kubernetes manifests are also rendered and the compose
# file validated.
set -euo pipefail
cd "$(dirname "$0")/.."

# in one reactor with the modules it needs, so nothing is installed into the local repository
mvn -B -q test -pl dashboards -am -Dtest=DeployFilesTest -Dsurefire.failIfNoSpecifiedTests=false
echo "check: deploy/ and dashboards/ files are consistent (DeployFilesTest: images, files, secrets, commands)"

if command -v kubectl >/dev/null 2>&1; then
  kubectl kustomize --load-restrictor=LoadRestrictionsNone deploy/k8s > /dev/null
  echo "check: deploy/k8s renders with kustomize"
fi

if docker compose version >/dev/null 2>&1; then
  # without interpolation: the secrets need not be set to validate the file's structure
  docker compose -f deploy/compose/compose.yaml config --quiet --no-interpolate
  echo "check: deploy/compose/compose.yaml is valid for docker compose"
fi
