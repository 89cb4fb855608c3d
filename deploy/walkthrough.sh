#!/usr/bin/env bash
# The README's walk-through against a running system, with its answers checked: sign in as the demo doctor and
# nurse, admit patient 1 under the doctor, record a reading with a pulse of 140, and see the views and the
# TACHYCARDIA and NEWS2 alerts follow. Needs a fresh system with the demo data (./run.sh --fresh, or
# deploy/topology.sh, which calls it through nginx).
#
#   deploy/walkthrough.sh [BASE_URL]     # default http://localhost:8080; exit status 0 when every answer is right
#   THROUGH_GATEWAY=yes deploy/walkthrough.sh URL   # also checks that nginx does not serve the actuator endpoints
set -euo pipefail
BASE="${1:-http://localhost:8080}"
FAILURES=0

# call <method> <path> <token or -> [json body]: prints "<status> <body>".
call() {
  local method="$1" path="$2" token="$3" body="${4-}"
  local args=(-s -o /tmp/walkthrough-body.$$ -w '%{http_code}' -X "$method" "$BASE$path")
  [ "$token" != "-" ] && args+=(-H "Authorization: Bearer $token")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' -d "$body")
  local status
  status=$(curl "${args[@]}")
  echo "$status $(cat /tmp/walkthrough-body.$$)"
  rm -f /tmp/walkthrough-body.$$
}

# check <description> <answer> <expected status> <text the body must contain>...
check() {
  local what="$1" answer="$2" status="$3"
  shift 3
  local ok=yes
  [ "${answer%% *}" = "$status" ] || ok=no
  for text in "$@"; do
    case "$answer" in *"$text"*) ;; *) ok=no ;; esac
  done
  if [ $ok = yes ]; then
    echo "ok    $what"
  else
    echo "FAIL  $what: expected $status with $*; got ${answer:0:400}"
    FAILURES=$((FAILURES + 1))
  fi
}

# eventually <description> <path> <token> <text>...: a view follows the writes within a moment (10 s here).
eventually() {
  local what="$1" path="$2" token="$3"
  shift 3
  local answer
  for _ in $(seq 1 40); do
    answer=$(call GET "$path" "$token")
    local all=yes
    for text in "$@"; do case "$answer" in *"$text"*) ;; *) all=no ;; esac; done
    [ "${answer%% *}" = 200 ] && [ $all = yes ] && break
    sleep 0.25
  done
  check "$what" "$answer" 200 "$@"
}

token_of() { sed -E 's/.*"access_token":"([^"]+)".*/\1/' <<<"$1"; }
field_of() { sed -E "s/.*\"$1\":([0-9]+).*/\\1/" <<<"$2"; }

answer=$(call POST /auth/login - '{"username":"dr_house","password":"password"}')
check "the doctor signs in" "$answer" 200 '"access_token"'
DOCTOR=$(token_of "$answer")
answer=$(call POST /auth/login - '{"username":"nurse_joy","password":"password"}')
check "the nurse signs in" "$answer" 200 '"access_token"'
NURSE=$(token_of "$answer")
answer=$(call GET /auth/me "$DOCTOR")
check "who am I" "$answer" 200 '"username":"dr_house"' '"role":"doctor"'
DOCTOR_ID=$(field_of doctor_id "$answer")

answer=$(call POST /encounters "$DOCTOR" '{"patient_id": 1, "doctor_id": '"$DOCTOR_ID"'}')
check "patient 1 is admitted into the first free room" "$answer" 201 '"patient_id":1' '"status":"active"' \
  '"room_number":"101"'
ENCOUNTER=$(sed -E 's/.*"data":\{"id":([0-9]+).*/\1/' <<<"$answer")

NOW=$(date -u +%Y-%m-%dT%H:%M:%SZ)
answer=$(call POST /vitals "$NURSE" '{"patient_id": 1, "encounter_id": '"$ENCOUNTER"', "timestamp": "'"$NOW"'",
  "hr_bpm": 140, "spo2_pct": 97, "temp_c": 37.0, "bp_systolic": 120, "bp_diastolic": 80, "resp_rate": 16}')
check "the nurse records a pulse of 140" "$answer" 201 '"status":"received"'

eventually "the patient's encounter" /patients/1/encounter "$DOCTOR" '"id":'"$ENCOUNTER" '"status":"active"'
eventually "the doctor's patients" "/doctors/$DOCTOR_ID/patients" "$DOCTOR" '"patient":{"id":1,'
eventually "the recent vitals" "/patients/1/vitals/recent?limit=10" "$DOCTOR" '"hr_bpm":140'
eventually "the overview" "/encounters/$ENCOUNTER/overview" "$DOCTOR" '"hr_bpm":140'
eventually "the alerts" "/encounters/$ENCOUNTER/alerts" "$DOCTOR" '"type":"TACHYCARDIA"' \
  '"message":"High Heart Rate detected: 140 BPM"' '"type":"NEWS2_RED_SCORE"'

answer=$(call POST /auth/login - '{"username":"admin","password":"password"}')
check "the administrator signs in" "$answer" 200 '"access_token"'
ADMIN=$(token_of "$answer")
answer=$(call GET /admin/dead-letters "$ADMIN")
check "the parked events are listed" "$answer" 200 '"data"'
answer=$(call POST /admin/dead-letters/retry "$ADMIN")
check "the parked events are retried" "$answer" 200 '"data"'
answer=$(call GET /admin/alerting/dead-letters "$ADMIN")
check "the alerting saga's parked events are listed" "$answer" 200 '"data"'
answer=$(call POST /admin/alerting/dead-letters/retry "$ADMIN")
check "the alerting saga's parked events are marked for retry" "$answer" 200 '"sequences_requested"'
answer=$(call GET /admin/projections/rebuild "$ADMIN")
check "the rebuild's progress is read" "$answer" 200 '"data"'

if [ "${THROUGH_GATEWAY:-no}" = yes ]; then
  answer=$(call GET /actuator/prometheus -)
  check "metrics are not served through the gateway" "$answer" 404
fi
answer=$(call GET /encounters/"$ENCOUNTER"/alerts -)
check "a read without a token" "$answer" 401 '"code":"UNAUTHENTICATED"'

if [ $FAILURES -gt 0 ]; then
  echo "walk-through: $FAILURES check(s) failed"
  exit 1
fi
echo "walk-through: every check passed"
