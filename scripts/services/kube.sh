#!/usr/bin/env bash
# A living local Kubernetes cluster on loopback, every part a real server built from Go modules
# (services/kube/build.sh):
#   etcd, kube-apiserver
#   kube-controller-manager  ResourceQuota usage (quota admission needs it), service accounts,
#                            garbage collection, node lifecycle (a new node's not-ready taint goes
#                            once it is Ready), pod GC (pods of a deleted node are failed), and
#                            Deployments, ReplicaSets and EndpointSlices (KServe's predictors)
#   kube-scheduler           places pods on nodes
#   kwok                     plays the kubelet of the simulated GPU nodes (services/kube/cluster/:
#                            gpu-nodes.yaml, kwok-stages.yaml): pods start, run and end
#   workflow-controller      Argo Workflows: a Workflow gets its pods and its phase
#   kserve-controller        KServe (RawDeployment, no Istio or Knative): an InferenceService gets
#                            a Deployment, a Service and an Ingress, and its Ready status and URL
#                            once the Deployment's pods run; the deployment and replicaset
#                            controllers of the controller manager make those pods
#   kube.sh start DIR | stop DIR | status DIR | prepare DIR
# On start DIR gets: pki/ (CA, serving cert, service-account keys), admin.kubeconfig (cluster-admin),
# team.kubeconfig (user nlp-team-bot, may only touch namespace nlp-team), *.log, kube.env, and
# progress.json: which step the start is at (building a part, starting) and about how long is left,
# then "up" or "failed"; the portal reads it to say so while the cluster is not up yet.
# `prepare` makes only the certificates, tokens, kubeconfigs and kube.env, so that a portal can be
# configured for the cluster before its first (long) build ends (scripts/start.sh).
# MLP_KUBE_NODE_POOL and MLP_KWOK_STAGES name another node-pool or stages file (the fault tests use
# broken ones).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cmd="$1" dir="$2"
progress_file="$dir/progress.json"

# write_progress STATE [MESSAGE]: the start's state for the portal (see the header); a failure
# carries the message that stopped it.
write_progress() {
  local state="$1" message="${2:-}" steps=1 last
  mkdir -p "$dir"
  if [ -f "$progress_file" ]; then
    last="$(sed -n 's/.*"steps":\([0-9]*\).*/\1/p' "$progress_file")"
    [ -n "$last" ] && steps="$last"
  fi
  message="${message//\\/\\\\}"
  message="${message//\"/\\\"}"
  printf '{"state":"%s","step":%d,"steps":%d,"part":"starting etcd, the API server, the controller manager, the scheduler, KWOK, Argo and KServe","since":%d,"seconds":30,"laterSeconds":0,"log":"%s","message":"%s"}\n' \
    "$state" "$steps" "$steps" "$(date +%s)" "$dir" "$message" >"$progress_file.tmp"
  mv -f "$progress_file.tmp" "$progress_file"
}
# Whatever stops a start is also written to progress.json.
mlp_die() {
  [ "$cmd" = start ] && write_progress failed "$*"
  printf '[mlp] error: %s\n' "$*" >&2
  exit 1
}
bin="$("$MLP_ROOT/services/kube/build.sh" --print-bin-dir)" || mlp_die "kube: services/kube/build.sh failed (message above)"

ETCD_PORT="${MLP_ETCD_PORT:-23790}"
ETCD_PEER_PORT="${MLP_ETCD_PEER_PORT:-23800}"
API_PORT="${MLP_KUBE_API_PORT:-16443}"
CM_PORT="${MLP_KUBE_CM_PORT:-16444}"
SCHED_PORT="${MLP_KUBE_SCHEDULER_PORT:-16445}"
KWOK_PORT="${MLP_KWOK_PORT:-16446}"
# KServe's controller: its health probe (/healthz, /readyz) on loopback, no metrics server. Its
# webhook server cannot be bound to loopback: cmd/manager sets only the port, so controller-runtime
# listens on every interface. Nothing registers it with the API server (no admission webhooks
# here); the health probe needs it running (TLS, a certificate from pki/).
KSERVE_PORT="${MLP_KSERVE_PORT:-16447}"
KSERVE_WEBHOOK_PORT="${MLP_KSERVE_WEBHOOK_PORT:-16448}"
# The Argo Workflows controller serves /healthz on :6060, a port its code fixes (all interfaces;
# without ARGO_PPROF=true nothing but /healthz is there).
ARGO_PORT=6060
NODE_POOL="${MLP_KUBE_NODE_POOL:-$MLP_ROOT/services/kube/cluster/gpu-nodes.yaml}"
KWOK_STAGES="${MLP_KWOK_STAGES:-$MLP_ROOT/services/kube/cluster/kwok-stages.yaml}"
# Every part, in start order; stop goes the other way. MLP_KUBE_PARTS=control-plane starts only
# etcd, the API server and the controller manager: a second cluster for tests of the API alone
# (Argo's controller could not run twice: its port is fixed).
ALL_COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok workflow-controller kserve-controller)
COMPONENTS=("${ALL_COMPONENTS[@]}")
PARTS="${MLP_KUBE_PARTS:-all}"
case "$PARTS" in
  all) ;;
  control-plane) COMPONENTS=(etcd kube-apiserver kube-controller-manager) ;;
  *) mlp_die "kube: MLP_KUBE_PARTS is all or control-plane (got '$PARTS')" ;;
esac

port_var() {
  case "$1" in
    etcd) echo "MLP_ETCD_PORT / MLP_ETCD_PEER_PORT" ;;
    kube-apiserver) echo "MLP_KUBE_API_PORT" ;;
    kube-controller-manager) echo "MLP_KUBE_CM_PORT" ;;
    kube-scheduler) echo "MLP_KUBE_SCHEDULER_PORT" ;;
    kwok) echo "MLP_KWOK_PORT" ;;
    workflow-controller) echo "it cannot be moved: Argo's controller always listens on 6060" ;;
    kserve-controller) echo "MLP_KSERVE_PORT" ;;
    kserve-webhook) echo "MLP_KSERVE_WEBHOOK_PORT" ;;
  esac
}
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

make_pki() {
  local pki="$dir/pki"
  [ -f "$pki/ca.crt" ] && return
  mkdir -p "$pki"
  (
    cd "$pki"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=mlp-local-ca" \
      -keyout ca.key -out ca.crt 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" \
      -keyout apiserver.key -out apiserver.csr 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default\n' >san.ext
    openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
      -extfile san.ext -out apiserver.crt 2>/dev/null
    openssl genrsa -out sa.key 2048 2>/dev/null
    openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
  )
}

# KServe's webhook server wants a serving certificate in controller-runtime's default folder,
# $TMPDIR/k8s-webhook-server/serving-certs/tls.{crt,key}; kserve-controller runs with TMPDIR=pki/kserve.
make_kserve_cert() {
  local certs="$dir/pki/kserve/k8s-webhook-server/serving-certs"
  [ -f "$certs/tls.crt" ] && return
  mkdir -p "$certs" 2>/dev/null || mlp_die "kube: cannot make $certs for kserve-controller's webhook certificate"
  (
    cd "$certs"
    openssl req -newkey rsa:2048 -nodes -subj "/CN=kserve-webhook-server-service.kserve.svc" \
      -keyout tls.key -out tls.csr 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kserve-webhook-server-service.kserve.svc\n' >san.ext
    openssl x509 -req -in tls.csr -CA "$dir/pki/ca.crt" -CAkey "$dir/pki/ca.key" -CAcreateserial \
      -days 3650 -extfile san.ext -out tls.crt 2>/dev/null
    rm -f tls.csr san.ext
  )
}

# Static tokens, one per identity, added when missing (a state folder from before keeps its own):
# the admin (system:masters), a team identity with no rights but RBAC's, the controller manager,
# the scheduler (its own user, which RBAC's bootstrap roles cover), KWOK, Argo's controller and
# KServe's controller.
make_tokens() {
  local line user
  for line in admin,admin,system:masters nlp-team-bot,nlp-team-bot,ml-teams kube-controller-manager,kcm,system:masters \
    system:kube-scheduler,kube-scheduler kwok,kwok,system:masters argo-workflow-controller,argo,system:masters \
    kserve-controller,kserve,system:masters; do
    user="${line%%,*}"
    [ -n "$(token_of "$user" 2>/dev/null)" ] && continue
    printf '%s,%s\n' "$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" "$line" >>"$dir/pki/tokens.csv"
  done
}

kubeconfig() { # NAME TOKEN NAMESPACE
  cat >"$dir/$1.kubeconfig" <<EOC
apiVersion: v1
kind: Config
clusters:
  - name: mlp-local
    cluster:
      server: https://127.0.0.1:$API_PORT
      certificate-authority: $dir/pki/ca.crt
users:
  - name: $1
    user:
      token: $2
contexts:
  - name: $1@mlp-local
    context: { cluster: mlp-local, user: $1, namespace: $3 }
current-context: $1@mlp-local
EOC
}

token_of() { awk -F, -v user="$1" '$2 == user { print $1 }' "$dir/pki/tokens.csv"; }

start_bg() { # NAME COMMAND...
  local name="$1"
  shift
  setsid "$@" >"$dir/$name.log" 2>&1 &
  echo $! >"$dir/$name.pid"
}

wait_ready() { # NAME URL SECONDS [curl args]
  local name="$1" url="$2" deadline=$((SECONDS + $3))
  shift 3
  until curl -fs -m 5 "$@" "$url" >/dev/null 2>&1; do
    if ! kill -0 "$(cat "$dir/$name.pid")" 2>/dev/null; then
      mlp_die "kube: $name exited on start; see $dir/$name.log (last line: $(tail -1 "$dir/$name.log"))"
    fi
    [ $SECONDS -ge $deadline ] && mlp_die "kube: $name not ready after $3 s; see $dir/$name.log"
    sleep 0.5
  done
}

# A part's process, running: its pid file names a live process.
running() { [ -f "$dir/$1.pid" ] && kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null; }

stop_one() { # NAME
  local name="$1" pid grace=40
  [ -f "$dir/$name.pid" ] || return 0
  pid="$(cat "$dir/$name.pid")"
  # Argo's controller (v4.0.5) ignores SIGTERM: it gets a short grace, then SIGKILL.
  [ "$name" = workflow-controller ] && grace=4
  kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 "$grace"); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 -- "-$pid" 2>/dev/null || true
  rm -f "$dir/$name.pid"
}

stop_all() {
  local i
  for ((i = ${#ALL_COMPONENTS[@]} - 1; i >= 0; i--)); do stop_one "${ALL_COMPONENTS[$i]}"; done
}

# Starts one of the parts after the API server; the fault tests restart them one by one.
start_component() { # NAME
  case "$1" in
    kube-controller-manager)
      start_bg kube-controller-manager "$bin/kube-controller-manager" \
        --kubeconfig "$dir/controller-manager.kubeconfig" \
        --authentication-kubeconfig "$dir/controller-manager.kubeconfig" \
        --authorization-kubeconfig "$dir/controller-manager.kubeconfig" \
        --bind-address 127.0.0.1 --secure-port "$CM_PORT" --cert-dir "$dir/pki/kcm" \
        --controllers 'resourcequota,serviceaccount,serviceaccount-token,namespace,garbagecollector,nodelifecycle,podgc,deployment,replicaset,endpointslice' \
        --service-account-private-key-file "$dir/pki/sa.key" --root-ca-file "$dir/pki/ca.crt" \
        --use-service-account-credentials=false --leader-elect=false
      wait_ready kube-controller-manager "https://127.0.0.1:$CM_PORT/healthz" 120 -k
      ;;
    kube-scheduler)
      start_bg kube-scheduler "$bin/kube-scheduler" \
        --kubeconfig "$dir/scheduler.kubeconfig" \
        --authentication-kubeconfig "$dir/scheduler.kubeconfig" \
        --authorization-kubeconfig "$dir/scheduler.kubeconfig" \
        --bind-address 127.0.0.1 --secure-port "$SCHED_PORT" --cert-dir "$dir/pki/scheduler" \
        --leader-elect=false
      wait_ready kube-scheduler "https://127.0.0.1:$SCHED_PORT/healthz" 120 -k
      ;;
    kwok)
      # Leases: the node-lifecycle controller sees each node renewed every few seconds. Node and pod
      # addresses are loopback ones: whatever tries to reach a simulated node or pod stays on
      # this machine.
      start_bg kwok "$bin/kwok" --kubeconfig "$dir/kwok.kubeconfig" \
        --config "$KWOK_STAGES" \
        --manage-nodes-with-annotation-selector kwok.x-k8s.io/node=fake \
        --node-lease-duration-seconds 40 --cidr 127.20.0.0/16 --node-ip 127.0.0.1 \
        --server-address "127.0.0.1:$KWOK_PORT"
      wait_ready kwok "http://127.0.0.1:$KWOK_PORT/healthz" 60
      ;;
    workflow-controller)
      # Checked here, not with the others: its port cannot be moved, so a second cluster's start
      # (the fault tests) gets this far before it is refused.
      port_free "$ARGO_PORT" || mlp_die "kube: port $ARGO_PORT (workflow-controller) is in use; stop what listens there ($(port_var workflow-controller))"
      # No leader election (one controller), no metrics server (it would listen on all
      # interfaces), Workflows re-read every 2 s instead of 10 so a phase follows its pod quickly.
      LEADER_ELECTION_DISABLE=true DEFAULT_REQUEUE_TIME=2s ARGO_PPROF=false \
        start_bg workflow-controller "$bin/workflow-controller" --kubeconfig "$dir/argo.kubeconfig" \
        --namespace argo --configmap workflow-controller-configmap \
        --executor-image "argoproj/argoexec:$(argo_version)" --loglevel info
      wait_ready workflow-controller "http://127.0.0.1:$ARGO_PORT/healthz" 90
      ;;
    kserve-controller)
      # RawDeployment (KServe calls it Standard now) from its configmap kserve/inferenceservice-config,
      # which bootstrap.mjs writes. No leader election (one controller), no metrics server; the
      # webhook server listens on every interface (see KSERVE_WEBHOOK_PORT above).
      make_kserve_cert
      KUBECONFIG="$dir/kserve.kubeconfig" POD_NAMESPACE=kserve TMPDIR="$dir/pki/kserve" \
        start_bg kserve-controller "$bin/kserve-controller" \
        --metrics-addr 0 --health-probe-addr "127.0.0.1:$KSERVE_PORT" \
        --webhook-port "$KSERVE_WEBHOOK_PORT" --leader-elect=false
      wait_ready kserve-controller "http://127.0.0.1:$KSERVE_PORT/readyz" 90
      ;;
    *) mlp_die "kube: no part called '$1' (parts: ${COMPONENTS[*]})" ;;
  esac
}

# Certificates, tokens and kubeconfigs: files only, nothing needs to run for them.
prepare() {
  make_pki
  make_tokens
  kubeconfig admin "$(token_of admin)" default
  kubeconfig team "$(token_of nlp-team-bot)" nlp-team
  kubeconfig controller-manager "$(token_of kube-controller-manager)" kube-system
  kubeconfig scheduler "$(token_of system:kube-scheduler)" kube-system
  kubeconfig kwok "$(token_of kwok)" default
  kubeconfig argo "$(token_of argo-workflow-controller)" argo
  kubeconfig kserve "$(token_of kserve-controller)" kserve
}

# What the portal needs to know of the cluster (scripts/services-config.mjs reads it).
write_kube_env() {
  cat >"$dir/kube.env" <<EOE
MLP_KUBECONFIG=$dir/admin.kubeconfig
MLP_KUBE_TEAM_KUBECONFIG=$dir/team.kubeconfig
MLP_KUBE_NO_METRICS=1
MLP_KUBE_PROGRESS=$progress_file
EOE
  if [ "$PARTS" = all ]; then echo "MLP_KUBE_SIMULATED=1" >>"$dir/kube.env"; fi
}

argo_version() { awk '$1 == "github.com/argoproj/argo-workflows/v4" { print $2; exit }' "$MLP_ROOT/services/argo/go.mod"; }

case "$cmd" in
  start)
    mkdir -p "$dir"
    if [ -f "$dir/kube.env" ] && curl -fs -m 5 --cacert "$dir/pki/ca.crt" "https://127.0.0.1:$API_PORT/readyz" >/dev/null 2>&1; then
      # Up: a part that died since (the fault tests kill them) is started again.
      all_up=1
      for name in "${COMPONENTS[@]}"; do running "$name" || all_up=0; done
      if [ "$all_up" = 1 ]; then write_kube_env; write_progress up; exit 0; fi
      # A part missing from the bin folder (a version changed, or a part was added since this cluster
      # started) means a new build and a full restart, below; so does a cluster started before it
      # had KServe (no KServe configmap: bootstrap.mjs and its kserve token came later).
      if running etcd && running kube-apiserver && "$MLP_ROOT/services/kube/build.sh" --check &&
        { [ "$PARTS" != all ] || curl -fs -m 5 --cacert "$dir/pki/ca.crt" -H "Authorization: Bearer $(token_of admin)" \
          "https://127.0.0.1:$API_PORT/api/v1/namespaces/kserve/configmaps/inferenceservice-config" >/dev/null 2>&1; }; then
        for name in "${COMPONENTS[@]:2}"; do running "$name" || start_component "$name"; done
        write_kube_env
        write_progress up
        exit 0
      fi
    fi
    # A mistake in the node pool stops here, before anything is built or started.
    node "$MLP_ROOT/services/kube/cluster/nodePool.mjs" "$NODE_POOL" >/dev/null || mlp_die "kube: fix the node pool file (message above)"
    stop_all
    rm -f "$dir/kube.env"
    # Progress shows on the terminal and is kept in build.log; progress.json says the step.
    if ! MLP_KUBE_PROGRESS="$progress_file" MLP_KUBE_BUILD_LOG="$dir/build.log" \
      "$MLP_ROOT/services/kube/build.sh" 2>&1 >/dev/null | tee "$dir/build.log" >&2; then
      mlp_die "kube: building the local cluster (etcd, kube, kwok, workflow-controller, kserve-controller) failed; see $dir/build.log. It needs Go 1.26+ on PATH and the Go module proxy that go env GOPROXY names; rebuild with services/kube/build.sh --force"
    fi
    checks=("etcd:$ETCD_PORT" "etcd:$ETCD_PEER_PORT" "kube-apiserver:$API_PORT" "kube-controller-manager:$CM_PORT")
    [ "$PARTS" = all ] && checks+=("kube-scheduler:$SCHED_PORT" "kwok:$KWOK_PORT" "kserve-controller:$KSERVE_PORT" "kserve-webhook:$KSERVE_WEBHOOK_PORT")
    for p in "${checks[@]}"; do
      port_free "${p#*:}" || mlp_die "kube: port ${p#*:} (${p%%:*}) is in use; stop what listens there or choose another port with $(port_var "${p%%:*}")"
    done
    write_progress starting
    prepare
    # Whatever fails from here on (mlp_die exits), nothing started is left running.
    trap 'stop_all' EXIT
    start_bg etcd "$bin/etcd" --name mlp --data-dir "$dir/etcd-data" \
      --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
      --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
      --initial-cluster "mlp=http://127.0.0.1:$ETCD_PEER_PORT" --unsafe-no-fsync
    wait_ready etcd "http://127.0.0.1:$ETCD_PORT/health" 60
    # ExtendedResourceToleration: a pod asking for nvidia.com/gpu tolerates the GPU nodes' taint,
    # as on a real cluster with GPU nodes.
    start_bg kube-apiserver "$bin/kube-apiserver" \
      --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
      --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$API_PORT" \
      --endpoint-reconciler-type none \
      --tls-cert-file "$dir/pki/apiserver.crt" --tls-private-key-file "$dir/pki/apiserver.key" \
      --client-ca-file "$dir/pki/ca.crt" --token-auth-file "$dir/pki/tokens.csv" \
      --service-account-issuer https://kubernetes.default.svc \
      --service-account-key-file "$dir/pki/sa.pub" --service-account-signing-key-file "$dir/pki/sa.key" \
      --service-cluster-ip-range 10.96.0.0/16 --authorization-mode RBAC \
      --enable-admission-plugins NamespaceLifecycle,LimitRanger,ServiceAccount,ResourceQuota,ExtendedResourceToleration \
      --cert-dir "$dir/pki"
    wait_ready kube-apiserver "https://127.0.0.1:$API_PORT/readyz" 180 --cacert "$dir/pki/ca.crt"
    start_component kube-controller-manager
    node "$MLP_ROOT/services/kube/bootstrap.mjs" "$dir/admin.kubeconfig" "$bin/../argo-crds" "$NODE_POOL" "$bin/../kserve-crds" >"$dir/bootstrap.log" 2>&1 ||
      mlp_die "kube: installing CRDs, RBAC, nodes and demo teams failed; see $dir/bootstrap.log (last line: $(tail -1 "$dir/bootstrap.log"))"
    if [ "$PARTS" = all ]; then
      start_component kube-scheduler
      start_component kwok
      start_component workflow-controller
      start_component kserve-controller
      node "$MLP_ROOT/services/kube/cluster/waitNodes.mjs" "$dir/admin.kubeconfig" "$NODE_POOL" >>"$dir/bootstrap.log" 2>&1 ||
        mlp_die "kube: the simulated GPU nodes did not become Ready; see $dir/bootstrap.log and $dir/kwok.log (last line: $(tail -1 "$dir/bootstrap.log"))"
    fi
    trap - EXIT
    write_kube_env
    write_progress up
    ;;
  prepare)
    mkdir -p "$dir"
    prepare
    write_kube_env
    ;;
  stop) stop_all ;;
  # One part: `kube.sh kill DIR NAME` stops it as a crash would (SIGKILL), `kube.sh restart DIR
  # NAME` starts it again. For the fault tests.
  kill)
    name="${3:?kube.sh kill DIR NAME}"
    [ -f "$dir/$name.pid" ] || mlp_die "kube: $name is not running"
    kill -9 -- "-$(cat "$dir/$name.pid")" 2>/dev/null || true
    rm -f "$dir/$name.pid"
    ;;
  restart) start_component "${3:?kube.sh restart DIR NAME}" ;;
  status)
    # Exits non-zero unless every part is up; prints one line per part.
    ok=0
    for name in "${COMPONENTS[@]}"; do
      if running "$name"; then state=up; else state=down ok=1; fi
      printf '  %-24s %s\n' "$name" "$state"
    done
    curl -fs -m 5 --cacert "$dir/pki/ca.crt" "https://127.0.0.1:$API_PORT/readyz" >/dev/null || ok=1
    exit $ok
    ;;
  *)
    echo "usage: kube.sh start DIR | stop DIR | status DIR | prepare DIR | kill DIR NAME | restart DIR NAME" >&2
    exit 2
    ;;
esac
