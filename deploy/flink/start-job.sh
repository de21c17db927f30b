#!/usr/bin/env bash
# Runs parkloop's indicator job on a Flink JobManager in application mode (standalone-job),
# resuming from the newest retained checkpoint when there is one. The arguments are the job's
# own (--reference ... --kafka ... --jdbc ...).
#
# Without Flink high availability a restarted JobManager would otherwise start the job with
# empty state, reading the readings topic again from its earliest offset: correct, but slow
# and bounded by the topic's retention. Set PARKLOOP_RESTORE=none to start empty on purpose
# (e.g. after a change that a checkpoint cannot be mapped to).
set -euo pipefail

checkpoints="${PARKLOOP_CHECKPOINTS:-/flink-data/checkpoints}"
restore=()
if [[ "${PARKLOOP_RESTORE:-latest}" != "none" ]]; then
  # chk-N/_metadata is written last, when checkpoint N is complete
  latest="$(ls -1dt "$checkpoints"/*/chk-*/_metadata 2>/dev/null | head -n 1 || true)"
  if [[ -n "$latest" ]]; then
    restore=(--fromSavepoint "$(dirname "$latest")")
    echo "parkloop: resuming the indicator job from $(dirname "$latest")"
  else
    echo "parkloop: no retained checkpoint under $checkpoints; the job reads the readings topic from the start"
  fi
else
  echo "parkloop: PARKLOOP_RESTORE=none, starting the indicator job with empty state"
fi

exec /docker-entrypoint.sh standalone-job \
  --job-classname io.parkloop.jobs.IndicatorJobMain \
  ${restore[@]+"${restore[@]}"} \
  "$@"
