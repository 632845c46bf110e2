import { startWondeSimulator } from '../../wonde-simulator/index';

export type DemoWonde = {
  url: string;
  partnerToken: string;
  schools: Array<{ name: string; urn: string }>;
  close(): Promise<void>;
};

/** How long the demo's pretend school takes to approve an access request. */
const APPROVAL_DELAY_MS = 2_000;
/**
 * How long the demo's Wonde takes to answer each request, as a service across the internet
 * does: answered at once from this machine, a school's first sync was over in about a second,
 * before the page had looked again, and its progress was never seen.
 */
const RESPONSE_DELAY_MS = 400;

/**
 * The embedded demo's Wonde: the built-in simulator on a free local port, serving the demo
 * trust's schools. Nobody sits at the school's Wonde portal in a demo, so an access request is
 * approved by itself after a moment, which sends the schoolApproved webhook as Wonde would, and
 * every answer takes a moment too.
 */
export async function startDemoWonde(options: {
  webhookUrl: string;
  webhookSecret: string;
}): Promise<DemoWonde> {
  const simulator = await startWondeSimulator({
    seed: 'plaster-demo',
    trust: 'Oakfield Learning Trust',
    schools: [
      { name: 'Oakfield Primary School', phase: 'PRIMARY', pupils: 320 },
      { name: 'Oakfield Academy', phase: 'SECONDARY', pupils: 1150 },
    ],
    initialAccess: 'none',
    webhookUrl: options.webhookUrl,
    webhookHeaders: { 'x-webhook-secret': options.webhookSecret },
  });
  simulator.controls.setLatency(RESPONSE_DELAY_MS);
  const pendingSince = new Map<string, number>();
  const approver = setInterval(() => {
    for (const school of simulator.controls.listSchools()) {
      if (school.access !== 'pending') {
        pendingSince.delete(school.id);
        continue;
      }
      const since = pendingSince.get(school.id) ?? Date.now();
      pendingSince.set(school.id, since);
      if (Date.now() - since >= APPROVAL_DELAY_MS) {
        pendingSince.delete(school.id);
        void simulator.controls.approveSchool(school.id).catch(() => undefined);
      }
    }
  }, 500);
  approver.unref();
  return {
    url: simulator.url,
    partnerToken: simulator.partnerToken,
    schools: simulator.schools.map((s) => ({ name: s.name, urn: String(s.urn) })),
    async close() {
      clearInterval(approver);
      await simulator.close();
    },
  };
}
