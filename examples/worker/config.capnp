# workerd configuration serving examples/worker/worker.ts, bundled first into dist/worker.js:
#   node_modules/.bin/bun build examples/worker/worker.ts --outfile examples/worker/dist/worker.js
#   node_modules/.bin/workerd serve examples/worker/config.capnp
#   curl -G --data-urlencode 'order={"customer":"ann","items":[1,2]}' http://127.0.0.1:8787/orders
# Another address: workerd serve config.capnp --socket-addr http=127.0.0.1:9000
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "dist/worker.js")],
  compatibilityDate = "2025-09-01",
);
