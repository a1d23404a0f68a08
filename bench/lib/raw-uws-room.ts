// The raw uWS baseline of bench:room, run as its own process: every socket on /ws is subscribed
// to one topic when it opens; each binary message arriving on /pub is published to that topic
// with app.publish, as is. Same backpressure settings as the IM edge (1 MiB + headroom, no close
// on the limit), no login, no bus, no actor. Prints "listening <port>" when ready.
import { loadUws } from '../../src/edge/uws.js';

const TOPIC = 'room';
const port = Number(process.env.RAW_ROOM_PORT ?? 0);
const uws = loadUws();
const app = uws.App();
app.ws('/ws', {
  maxBackpressure: 1024 * 1024 + 1024,
  closeOnBackpressureLimit: 0,
  idleTimeout: 0,
  sendPingsAutomatically: false,
  compression: uws.DISABLED,
  open: (ws) => void ws.subscribe(TOPIC),
});
app.ws('/pub', {
  idleTimeout: 0,
  compression: uws.DISABLED,
  message: (_ws, message, isBinary) => void app.publish(TOPIC, message, isBinary, false),
});
app.listen('127.0.0.1', port, (ls) => {
  if (!ls) {
    console.error(`raw uWS room cannot listen on ${port}`);
    process.exit(1);
  }
  console.log(`listening ${port}`);
});
process.on('SIGTERM', () => process.exit(0));
