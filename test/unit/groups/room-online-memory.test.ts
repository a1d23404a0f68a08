// MemoryRoomOnline against the RoomOnline contract on a fake clock.
import { MemoryRoomOnline } from '../../../src/groups/room-online-memory.js';
import { roomOnlineContract } from '../../contract/room-online.contract.js';
import { FakeClock } from '../../support/fake-clock.js';

roomOnlineContract('memory', async () => {
  const clock = new FakeClock();
  const online = new MemoryRoomOnline(clock);
  return { online, advance: (ms) => clock.advance(ms), close: () => online.close() };
});
