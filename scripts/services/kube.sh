#!/usr/bin/env bash
# A real Kubernetes control plane on loopback: etcd, kube-apiserver and kube-controller-manager
# (the latter computes ResourceQuota usage, which quota admission needs, and creates service
# accounts). No nodes: pods stay Pending, but quotas count their requests.
#   kube.sh start DIR | stop DIR | status DIR
# On start DIR gets: pki/ (CA, serving cert, service-account keys), admin.kubeconfig (cluster-admin),
# team.kubeconfig (user nlp-team-bot, may only touch namespace nlp-team), *.log, kube.env.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cmd="$1" dir="$2"
bin="$("$MLP_ROOT/services/kube/build.sh" --print-bin-dir)" || mlp_die "kube: services/kube/build.sh failed (message above)"

ETCD_PORT="${MLP_ETCD_PORT:-23790}"
ETCD_PEER_PORT="${MLP_ETCD_PEER_PORT:-23800}"
API_PORT="${MLP_KUBE_API_PORT:-16443}"
CM_PORT="${MLP_KUBE_CM_PORT:-16444}"

port_var() {
  case "$1" in
    etcd) echo "MLP_ETCD_PORT / MLP_ETCD_PEER_PORT" ;;
    kube-apiserver) echo "MLP_KUBE_API_PORT" ;;
    kube-controller-manager) echo "MLP_KUBE_CM_PORT" ;;
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
  # Static tokens: the admin (system:masters) and a team identity with no rights but RBAC's.
  printf '%s,admin,admin,system:masters\n' "$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" >"$pki/tokens.csv"
  printf '%s,nlp-team-bot,nlp-team-bot,ml-teams\n' "$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" >>"$pki/tokens.csv"
  printf '%s,kube-controller-manager,kcm,system:masters\n' "$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" >>"$pki/tokens.csv"
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

stop_all() {
  local name pid
  for name in kube-controller-manager kube-apiserver etcd; do
    [ -f "$dir/$name.pid" ] || continue
    pid="$(cat "$dir/$name.pid")"
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 -- "-$pid" 2>/dev/null || true
    rm -f "$dir/$name.pid"
  done
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    if [ -f "$dir/kube.env" ] && [ -f "$dir/kube-apiserver.pid" ] && curl -fs -m 5 --cacert "$dir/pki/ca.crt" "https://127.0.0.1:$API_PORT/readyz" >/dev/null 2>&1; then
      exit 0
    fi
    stop_all
    rm -f "$dir/kube.env"
    # Progress shows on the terminal and is kept in build.log.
    if ! "$MLP_ROOT/services/kube/build.sh" 2>&1 >/dev/null | tee "$dir/build.log" >&2; then
      mlp_die "kube: building etcd/kube-apiserver/kube-controller-manager failed; see $dir/build.log. It needs Go 1.26+ on PATH and the Go module proxy that go env GOPROXY names; rebuild with services/kube/build.sh --force"
    fi
    for p in "etcd:$ETCD_PORT" "etcd:$ETCD_PEER_PORT" "kube-apiserver:$API_PORT" "kube-controller-manager:$CM_PORT"; do
      port_free "${p#*:}" || mlp_die "kube: port ${p#*:} (${p%%:*}) is in use; stop what listens there or choose another port with $(port_var "${p%%:*}")"
    done
    make_pki
    # Whatever fails from here on (mlp_die exits), nothing started is left running.
    trap 'stop_all' EXIT
    start_bg etcd "$bin/etcd" --name mlp --data-dir "$dir/etcd-data" \
      --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
      --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
      --initial-cluster "mlp=http://127.0.0.1:$ETCD_PEER_PORT" --unsafe-no-fsync
    wait_ready etcd "http://127.0.0.1:$ETCD_PORT/health" 60
    start_bg kube-apiserver "$bin/kube-apiserver" \
      --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
      --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$API_PORT" \
      --endpoint-reconciler-type none \
      --tls-cert-file "$dir/pki/apiserver.crt" --tls-private-key-file "$dir/pki/apiserver.key" \
      --client-ca-file "$dir/pki/ca.crt" --token-auth-file "$dir/pki/tokens.csv" \
      --service-account-issuer https://kubernetes.default.svc \
      --service-account-key-file "$dir/pki/sa.pub" --service-account-signing-key-file "$dir/pki/sa.key" \
      --service-cluster-ip-range 10.96.0.0/16 --authorization-mode RBAC \
      --enable-admission-plugins NamespaceLifecycle,LimitRanger,ServiceAccount,ResourceQuota \
      --cert-dir "$dir/pki"
    wait_ready kube-apiserver "https://127.0.0.1:$API_PORT/readyz" 180 --cacert "$dir/pki/ca.crt"
    kubeconfig admin "$(token_of admin)" default
    kubeconfig team "$(token_of nlp-team-bot)" nlp-team
    kubeconfig controller-manager "$(token_of kube-controller-manager)" kube-system
    start_bg kube-controller-manager "$bin/kube-controller-manager" \
      --kubeconfig "$dir/controller-manager.kubeconfig" \
      --authentication-kubeconfig "$dir/controller-manager.kubeconfig" \
      --authorization-kubeconfig "$dir/controller-manager.kubeconfig" \
      --bind-address 127.0.0.1 --secure-port "$CM_PORT" --cert-dir "$dir/pki/kcm" \
      --controllers 'resourcequota,serviceaccount,serviceaccount-token,namespace,garbagecollector' \
      --service-account-private-key-file "$dir/pki/sa.key" --root-ca-file "$dir/pki/ca.crt" \
      --use-service-account-credentials=false --leader-elect=false
    wait_ready kube-controller-manager "https://127.0.0.1:$CM_PORT/healthz" 120 -k
    node "$MLP_ROOT/services/kube/bootstrap.mjs" "$dir/admin.kubeconfig" >"$dir/bootstrap.log" 2>&1 ||
      mlp_die "kube: installing CRDs, RBAC and demo teams failed; see $dir/bootstrap.log"
    trap - EXIT
    cat >"$dir/kube.env" <<EOE
MLP_KUBECONFIG=$dir/admin.kubeconfig
MLP_KUBE_TEAM_KUBECONFIG=$dir/team.kubeconfig
MLP_KUBE_NO_METRICS=1
EOE
    ;;
  stop) stop_all ;;
  status)
    curl -fs -m 5 --cacert "$dir/pki/ca.crt" "https://127.0.0.1:$API_PORT/readyz" >/dev/null
    ;;
  *)
    echo "usage: kube.sh start DIR | stop DIR | status DIR" >&2
    exit 2
    ;;
esac
