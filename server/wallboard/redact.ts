/**
 * What leaves the server: alerts without their `sensitive` part (utterances, caller
 * numbers). Until accounts and roles exist, no client is known to be authorised for
 * customer data, so every edge (socket.io and REST) strips it; access control will hand
 * it back to the roles the policy allows.
 */
import type { Alert } from '../../shared/alerts.js';
import type { FloorDelta, FloorSnapshot } from '../../shared/wallboard.js';

export function redactAlert(alert: Alert): Alert {
  if (alert.sensitive === undefined) return alert;
  const { sensitive: _sensitive, ...rest } = alert;
  return rest;
}

export function redactSnapshot(snapshot: FloorSnapshot): FloorSnapshot {
  return { ...snapshot, alerts: snapshot.alerts.map(redactAlert) };
}

export function redactDelta(delta: FloorDelta): FloorDelta {
  return delta.alerts.length === 0 ? delta : { ...delta, alerts: delta.alerts.map(redactAlert) };
}
