// Every metric name and label is declared here, once. Created by the composition root with its
// own registry (no prom-client globals), passed down to whatever records it. Never label by user,
// group, conversation or connection id: cardinality must stay bounded.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics(opts: { defaults?: boolean; labels?: Record<string, string> } = {}) {
  const registry = new Registry();
  if (opts.labels) registry.setDefaultLabels(opts.labels);
  if (opts.defaults) collectDefaultMetrics({ register: registry });
  const r = [registry];
  return {
    registry,

    // Edge: sockets and frames.
    wsConnections: new Gauge({ name: 'im_ws_connections', help: 'Open WebSocket connections', labelNames: ['state'] as const, registers: r }),
    wsFramesIn: new Counter({ name: 'im_ws_frames_in_total', help: 'Client frames received', labelNames: ['op'] as const, registers: r }),
    wsFramesOut: new Counter({ name: 'im_ws_frames_out_total', help: 'Server frames written', registers: r }),
    wsProtocolErrors: new Counter({ name: 'im_ws_protocol_errors_total', help: 'Rejected client frames', labelNames: ['code'] as const, registers: r }),
    wsBackpressureDrops: new Counter({ name: 'im_ws_backpressure_drops_total', help: 'Frames not written or sockets closed because of the backpressure limit', labelNames: ['action'] as const, registers: r }),
    wsFrameTooLarge: new Counter({ name: 'im_ws_frame_too_large_total', help: 'Frames over the max frame size', registers: r }),
    wsLoginTimeouts: new Counter({ name: 'im_ws_login_timeouts_total', help: 'Sockets closed for not logging in within the login deadline', registers: r }),
    wsIdleTimeouts: new Counter({ name: 'im_ws_idle_timeouts_total', help: 'Sockets closed by the idle timeout (no heartbeat)', registers: r }),
    edgeRooms: new Gauge({ name: 'im_edge_rooms', help: 'Groups with local subscribers on this edge (one bus subscription and one uWS topic each)', registers: r }),
    edgeRoomJoinBatch: new Histogram({ name: 'im_edge_room_join_batch', help: 'ROOM_JOINs of one live room sent to its actor together (one GroupRoomJoin)', buckets: [1, 2, 4, 16, 64, 128, 256], registers: r }),
    roomFramesOut: new Counter({ name: 'im_room_frames_out_total', help: 'Group frames written to local sockets by uWS topic publish (skipped slow sockets not counted; see im_ws_backpressure_drops_total{action="skip"})', registers: r }),
    roomLimitHits: new Counter({ name: 'im_room_limit_hits_total', help: 'Room subscriptions refused or cut off by a limit (login_groups: joined groups subscribed at login; live_rooms: live rooms per socket; rooms_per_conn: subscriptions per socket)', labelNames: ['limit'] as const, registers: r }),
    logins: new Counter({ name: 'im_logins_total', help: 'Login attempts', labelNames: ['result'] as const, registers: r }),
    kicks: new Counter({ name: 'im_kicks_total', help: 'Devices kicked', labelNames: ['reason'] as const, registers: r }),

    // REST gateway.
    restRequests: new Counter({ name: 'im_rest_requests_total', help: 'REST requests', labelNames: ['service', 'command', 'code'] as const, registers: r }),
    restLatency: new Histogram({ name: 'im_rest_latency_seconds', help: 'REST handling time', labelNames: ['service'] as const, buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 3], registers: r }),
    restRateLimited: new Counter({ name: 'im_rest_rate_limited_total', help: 'REST calls refused by the per-app per-API limit (60007)', registers: r }),
    restBodyTooLarge: new Counter({ name: 'im_rest_body_too_large_total', help: 'REST bodies over the size limit', registers: r }),

    // Actors.
    actorsActive: new Gauge({ name: 'im_actors_active', help: 'Activated actors', labelNames: ['kind'] as const, registers: r }),
    actorActivations: new Counter({ name: 'im_actor_activations_total', help: 'Actor activations', labelNames: ['kind'] as const, registers: r }),
    actorTurnErrors: new Counter({ name: 'im_actor_turn_errors_total', help: 'Turns that threw a non-ImError', labelNames: ['kind'] as const, registers: r }),
    actorBatchMessages: new Histogram({ name: 'im_actor_batch_messages', help: 'Messages handled together in one batch turn', labelNames: ['kind'] as const, buckets: [1, 2, 4, 8, 16, 32, 64, 128], registers: r }),
    mailboxOverloads: new Counter({ name: 'im_mailbox_overloads_total', help: 'Messages refused because a mailbox was full', labelNames: ['kind'] as const, registers: r }),
    askRetries: new Counter({ name: 'im_ask_retries_total', help: 'Actor requests retried while a shard had no owner', registers: r }),
    shardsOwned: new Gauge({ name: 'im_shards_owned', help: 'Shards owned by this worker', registers: r }),
    shardMoves: new Counter({ name: 'im_shard_moves_total', help: 'Shard ownership gained or lost by this worker', labelNames: ['direction'] as const, registers: r }),

    // Webhooks.
    webhookCalls: new Counter({ name: 'im_webhook_calls_total', help: 'Webhook calls', labelNames: ['kind', 'result'] as const, registers: r }),
    webhookQueueDepth: new Gauge({ name: 'im_webhook_queue_depth', help: 'After-callbacks waiting', registers: r }),
    webhookQueueDrops: new Counter({ name: 'im_webhook_queue_drops_total', help: 'After-callbacks dropped because the queue was full', registers: r }),

    // Bus.
    busDrops: new Counter({ name: 'im_bus_dropped_total', help: 'In-process bus deliveries dropped because a subscriber had too many pending', registers: r }),
    busHandlerErrors: new Counter({ name: 'im_bus_handler_errors_total', help: 'Bus message handlers that threw', registers: r }),

    // Social graph (profiles, friends, requests, friend lists, blocklists).
    socialLimitHits: new Counter({ name: 'im_social_limit_hits_total', help: 'Social operations refused because a limit was reached', labelNames: ['limit'] as const, registers: r }),
    socialChanges: new Counter({ name: 'im_social_changes_total', help: "Changes appended to users' social change logs", registers: r }),
    socialPeerDeliveryFailures: new Counter({ name: 'im_social_peer_delivery_failures_total', help: 'Peer-side relationship messages given up after every retry', registers: r }),

    // Message model (bodies, send options).
    msgLimitHits: new Counter({ name: 'im_msg_limit_hits_total', help: 'Messages refused because a body or send-option limit was exceeded', labelNames: ['limit'] as const, registers: r }),

    // Offline push.
    pushSends: new Counter({ name: 'im_push_sends_total', help: 'Offline pushes by provider and result (ok or the failure reason)', labelNames: ['provider', 'result'] as const, registers: r }),
    pushLimitHits: new Counter({ name: 'im_push_limit_hits_total', help: 'Pushes refused or cut off by a push limit (payload size, stream queue, timeout)', labelNames: ['provider', 'limit'] as const, registers: r }),
    pushAuthTokens: new Counter({ name: 'im_push_auth_tokens_total', help: 'Push service auth tokens minted or fetched', labelNames: ['provider', 'result'] as const, registers: r }),
    offlinePushes: new Counter({ name: 'im_offline_push_total', help: 'Offline-push decisions per recipient device (sent, failed, dead_token, muted, ...) and queue drops', labelNames: ['outcome'] as const, registers: r }),
    offlinePushQueue: new Gauge({ name: 'im_offline_push_queue', help: 'Offline-push messages waiting or running (a job holds a send batch)', registers: r }),

    // All-member push (all_member_push/im_push background tasks).
    allMemberPushSends: new Counter({ name: 'im_all_member_push_sends_total', help: 'Recipients of all-member push tasks by result (ok or failed)', labelNames: ['result'] as const, registers: r }),
    allMemberPushTasks: new Gauge({ name: 'im_all_member_push_tasks_running', help: 'All-member push tasks running on this node', registers: r }),
    allMemberPushLimitHits: new Counter({ name: 'im_all_member_push_limit_hits_total', help: 'All-member push limits reached (rate: a send waited for the rate; tasks: too many running; interval: pushes of one app under 1 s apart; user_tags: a user would hold too many tags)', labelNames: ['limit'] as const, registers: r }),

    // Groups (management turns of the group actor).
    groupLimitHits: new Counter({ name: 'im_group_limit_hits_total', help: 'Group operations refused or cut because a limit was reached (members: group full 10014; batch: too many ids in one call; live_room_tips: join/quit tips not sent in a big live room)', labelNames: ['limit'] as const, registers: r }),
    // Group messages (message turns of the group actor).
    groupMsgDrops: new Counter({ name: 'im_group_msg_drops_total', help: 'Live-room (AVChatRoom) sends dropped by the per-room rate limit, by priority', labelNames: ['priority'] as const, registers: r }),
    groupMsgSends: new Counter({ name: 'im_group_msg_sends_total', help: 'Group sends by outcome (stored, online: delivered but not stored, refused, duplicate)', labelNames: ['outcome'] as const, registers: r }),

  };
}

export type Metrics = ReturnType<typeof createMetrics>;
