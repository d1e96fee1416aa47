// Preloaded into the server process (`node --require`): Next keeps a client's own X-Forwarded-For
// and drops the socket address, so the address the connection really came from is handed to the
// app in a header the client cannot set (lib/security/client-address.ts decides whom to trust).
const http = require("node:http");

const PEER_HEADER = "x-console-peer-address";
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, request, ...rest) {
  if (event === "request" && request && request.headers) {
    request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? "";
  }
  return emit.call(this, event, request, ...rest);
};
globalThis.__consolePeerAddressHeader = PEER_HEADER;
