import { afterEach, describe, expect, it } from 'vitest';
import { generateWondeDataset } from './dataset.generator';
import { bearer, startWebhookReceiver } from './http-test.helpers';
import { startWondeSimulator } from './wonde-simulator.server';
import type { WondeSimulator } from './wonde-simulator.server';

const dataset = generateWondeDataset({
  seed: 71,
  schools: [{ pupils: 10 }, { pupils: 10 }, { pupils: 10 }],
});
const [first, second, third] = dataset.schools as [
  (typeof dataset.schools)[number],
  (typeof dataset.schools)[number],
  (typeof dataset.schools)[number],
];

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(
  script: number[] = [],
): Promise<{ sim: WondeSimulator; receiver: Awaited<ReturnType<typeof startWebhookReceiver>> }> {
  const receiver = await startWebhookReceiver(script);
  cleanups.push(receiver.close);
  const sim = await startWondeSimulator({
    dataset,
    initialAccess: { [first.id]: 'pending', [second.id]: 'approved', [third.id]: 'pending' },
    webhookUrl: receiver.url,
    webhookRetryDelayMs: 10,
    enableControlApi: true,
  });
  cleanups.push(sim.close);
  return { sim, receiver };
}

describe('access webhooks', () => {
  it('posts schoolApproved with a new 40-hex token that then reads the school', async () => {
    const { sim, receiver } = await setUp();
    const { token, webhook } = await sim.controls.approveSchool(first.id);
    expect(token).toMatch(/^[0-9a-f]{40}$/);
    expect(receiver.received).toEqual([
      {
        url: '/api/v1/webhooks/wonde?secret=s3cret',
        body: {
          payload_type: 'schoolApproved',
          school_id: first.id,
          school_name: first.name,
          school_token: token,
        },
      },
    ]);
    expect(webhook).toMatchObject({ delivered: true, attempts: [{ status: 200, error: null }] });
    const response = await fetch(`${sim.url}/schools/${first.id}/students`, {
      headers: bearer(token),
    });
    expect(response.status).toBe(200);

    const again = await sim.controls.approveSchool(first.id);
    expect(again.token).not.toBe(token);
    const stale = await fetch(`${sim.url}/schools/${first.id}/students`, {
      headers: bearer(token),
    });
    expect(stale.status).toBe(401);
  });

  it('posts accessRevoked and accessDeclined with their reasons', async () => {
    const { sim, receiver } = await setUp();
    await sim.controls.revokeSchool(second.id, { reason: 'Changed supplier' });
    await sim.controls.declineSchool(third.id);
    expect(receiver.received.map((hook) => hook.body)).toEqual([
      {
        payload_type: 'accessRevoked',
        school_id: second.id,
        school_name: second.name,
        revoke_reason: 'Changed supplier',
      },
      {
        payload_type: 'accessDeclined',
        school_id: third.id,
        school_name: third.name,
        decline_reason: 'Declined by the school',
      },
    ]);
    expect(sim.controls.listSchools().map((school) => school.access)).toEqual([
      'pending',
      'revoked',
      'declined',
    ]);
  });

  it('re-delivers after a non-2xx reply, up to three attempts in all', async () => {
    const { sim, receiver } = await setUp([500, 503, 500, 500, 500, 500]);
    const { webhook: exhausted } = await sim.controls.revokeSchool(second.id);
    expect(exhausted?.delivered).toBe(false);
    expect(exhausted?.attempts.map((attempt) => attempt.status)).toEqual([500, 503, 500]);
    const { webhook: failed } = await sim.controls.declineSchool(third.id);
    expect(failed?.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 500]);
    expect(receiver.received).toHaveLength(6);
    expect(sim.controls.webhookDeliveries()).toHaveLength(2);
  });

  it('stops retrying once a delivery succeeds', async () => {
    const { sim, receiver } = await setUp([502]);
    const { webhook } = await sim.controls.approveSchool(third.id);
    expect(webhook).toMatchObject({ delivered: true });
    expect(webhook?.attempts.map((attempt) => attempt.status)).toEqual([502, 200]);
    expect(receiver.received.map((hook) => hook.body.payload_type)).toEqual([
      'schoolApproved',
      'schoolApproved',
    ]);
  });

  it('records network failures as attempts and sends the webhooks from the control API', async () => {
    // Nothing listens on port 1 of loopback: every attempt is refused.
    const deadUrl = 'http://127.0.0.1:1/api/v1/webhooks/wonde';
    const sim = await startWondeSimulator({
      dataset,
      initialAccess: 'pending',
      webhookUrl: deadUrl,
      webhookRetryDelayMs: 10,
      enableControlApi: true,
    });
    cleanups.push(sim.close);
    const response = await fetch(`${sim.controlUrl}/schools/${first.id}/approve`, {
      method: 'POST',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      token: string;
      webhook: { delivered: boolean; attempts: { status: number | null; error: string | null }[] };
    };
    expect(body.token).toMatch(/^[0-9a-f]{40}$/);
    expect(body.webhook.delivered).toBe(false);
    expect(body.webhook.attempts).toHaveLength(3);
    expect(
      body.webhook.attempts.every((attempt) => attempt.status === null && attempt.error !== null),
    ).toBe(true);
    const log = await fetch(`${sim.controlUrl}/webhooks`);
    expect(((await log.json()) as unknown[]).length).toBe(1);
  });

  it('sends nothing when no webhook URL is configured', async () => {
    const sim = await startWondeSimulator({ dataset, initialAccess: 'pending' });
    cleanups.push(sim.close);
    const { webhook } = await sim.controls.approveSchool(first.id);
    expect(webhook).toBeNull();
    expect(sim.controls.webhookDeliveries()).toEqual([]);
  });
});
