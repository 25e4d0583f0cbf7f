# Sourced by the bench scripts: starts the backend on the bench config (port 7207, data/bench)
# plus the local services' config, in a process group of its own that is killed on exit, and
# waits until it is ready. Usage: bench_start_backend
bench_start_backend() {
  if curl -s -o /dev/null -m 5 http://localhost:7207/; then
    mlp_die "port 7207 is in use (another bench backend?); stop it first"
  fi
  rm -rf data/bench && mkdir -p data/bench
  bench_pgid=""
  trap '[ -n "$bench_pgid" ] && kill -- "-$bench_pgid" 2>/dev/null || true' EXIT
  setsid node "$MLP_YARN" workspace backend start --config "$root/app-config.yaml" \
    --config "$root/bench/app-config.bench.yaml" \
    --config "$root/data/services/app-config.services.yaml" >data/bench/backend.log 2>&1 &
  bench_pgid=$!
  for _ in $(seq 1 300); do
    curl -fs -o /dev/null http://localhost:7207/.backstage/health/v1/readiness && return 0
    kill -0 "$bench_pgid" 2>/dev/null || mlp_die "the backend exited on start; see data/bench/backend.log:
$(tail -20 data/bench/backend.log)"
    sleep 1
  done
  mlp_die "the backend is not ready after 300 s; see data/bench/backend.log"
}
