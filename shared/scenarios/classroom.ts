import type { ScenarioInput } from './schema.ts';

/**
 * "Baltic Shield": the 45-minute classroom exercise. Four fictional allies and a
 * bot-played adversary; eight turns of four minutes.
 *
 * The dilemma, by construction:
 * - The coalition must put an effect on the Kragan air-defence node (`kr-adn`, tagged
 *   'air-defence') by turn 6 so that Brennmark's strike gets through.
 * - The node runs SkyHaven SCADA (`skyhaven-rce`) and RadNet OS (`radnet-lpe`). Only
 *   Aldoria holds an effect against it: SKYFALL, on `skyhaven-rce` — the very exploit
 *   Aldoria is privately told to keep above 50 freshness until turn 8. Using it or
 *   sharing it burns it; being discovered on a sophistication-4 node patches it.
 * - The other routes all cost someone something, and new tools are slow (developBase 6:
 *   a build takes max(1, power + 6 − skill) turns): Aldoria can build or tailor a power-1
 *   tool in two turns (tailoring costs 3 capacity and spares SKYFALL), Corvania knows
 *   `radnet-lpe` but needs three turns for a power-1 effect and is privately scored on
 *   never being attributed, and Brennmark only learns `radnet-lpe` from an inject on
 *   turn 3 — too late to build its own tool before the strike.
 * - Tools come back: Duvessa's government cloud runs VexMail and Aldoria's grid runs
 *   GridLink, the software allied tools exploit, so a shared tool that leaks to Kragan
 *   can be turned on allies and blamed on its author.
 * - Duvessa, the small frontline state, has no effect tool at all and wants its
 *   services up: it needs someone to hunt forward in its networks, which costs the
 *   hunter capacity it would rather spend on the strike.
 */
export const classroom: ScenarioInput = {
  id: 'baltic-shield',
  version: '1.1',
  title: 'Baltic Shield — open the corridor',
  summary:
    'The Kragan Union has massed armour on the Duvessan border and its air-defence network now covers the whole eastern approach. ' +
    'The coalition has decided on a single strike: Brennmark\'s air wing will hit the Kragan fuel depots on turn 6, but only if the ' +
    'Northern Air-Defence Node is degraded, denied, disrupted or destroyed by then. Every nation has cyber tools, and every tool is ' +
    'fragile: each use burns it, the enemy may find it and patch it for everyone who holds a copy, and whoever gets blamed pays for it. ' +
    'You can share a tool with an ally, build one for them, offer to act yourself on the coalition\'s request, or send a team to hunt ' +
    'intruders in a partner\'s networks. Each of you also has a private brief from your own capital — and it does not always agree with ' +
    'the coalition\'s. You have four minutes a turn. Talk to each other.',
  minutes: 45,
  turns: 8,
  planningSeconds: 240,
  cyoc: 'facilitator',
  showScores: true,
  tunables: {
    // Tuned with the study (docs/study.md). New tools are slow to build — the essays' "tens of
    // thousands of hours" — so the tools already in hand are precious: with the default (2),
    // Aldoria rebuilds a power-4 effect on the node in one turn and no choice ever costs the
    // corridor, so the dilemma disappears.
    developBase: 6,
    // A tool tailored for an ally takes no longer than a develop (it still costs 3 capacity);
    // with developBase 6 and the default extra turn, no tailored tool could arrive in time.
    tailorExtra: 0,
    // Leaks must be felt within eight turns: 0.02 made them too rare to tell source from
    // compiled-only sharing apart.
    leakPerHolder: 0.05,
  },
  weights: {
    // Tuned with the study: at the default 0.5 the influence every share earns paid for its
    // risks, so sharing everything was about as good for Aldoria as hoarding and the
    // coalition's best mix was nearly its own best too.
    influence: 0.25,
  },
  trust: {
    default: 50,
    pairs: [
      { a: 'aldoria', b: 'brennmark', value: 75 },
      { a: 'aldoria', b: 'duvessa', value: 65 },
      { a: 'brennmark', b: 'duvessa', value: 70 },
      { a: 'aldoria', b: 'corvania', value: 40 },
    ],
  },
  allies: [
    {
      id: 'aldoria',
      name: 'Aldoria',
      tier: 'major',
      skill: 5,
      hygiene: 0.85,
      intel: 4,
      knownVulns: ['skyhaven-rce', 'radnet-lpe', 'vexmail-rce', 'gridlink-auth'],
      networks: [
        { id: 'ald-mod', name: 'Aldorian Defence Ministry', sophistication: 5, software: ['officeone-macro', 'gatekeep-vpn'], tags: ['military'] },
        { id: 'ald-grid', name: 'Aldorian National Grid Control', sophistication: 4, software: ['railctl-plc', 'gatekeep-vpn', 'gridlink-auth'], tags: ['civilian', 'energy'] },
        { id: 'ald-sat', name: 'Aldorian Satellite Ground Station', sophistication: 4, software: ['mailhub-rce', 'officeone-macro'], tags: ['military', 'space'] },
      ],
      capabilities: [
        { id: 'ald-skyfall', name: 'SKYFALL', vuln: 'skyhaven-rce', kind: 'effect', effect: 'degrade', power: 4 },
        { id: 'ald-glasshouse', name: 'GLASSHOUSE', vuln: 'radnet-lpe', kind: 'espionage', power: 3 },
        { id: 'ald-lantern', name: 'LANTERN', vuln: 'vexmail-rce', kind: 'espionage', power: 2 },
      ],
      objectives: [
        {
          type: 'keepFresh',
          id: 'ald-keep-skyfall',
          text: 'SKYFALL is our only way into SkyHaven systems and is earmarked for a future operation: keep its freshness above 50 until turn 8.',
          capability: 'ald-skyfall',
          above: 50,
          untilTurn: 8,
          points: 15,
        },
      ],
    },
    {
      id: 'brennmark',
      name: 'Brennmark',
      tier: 'middle',
      skill: 3,
      hygiene: 0.6,
      intel: 2,
      knownVulns: ['vexmail-rce', 'gridlink-auth'],
      networks: [
        { id: 'brn-afb', name: 'Eastbay Air Base', sophistication: 3, software: ['gatekeep-vpn', 'officeone-macro'], tags: ['military', 'strike'] },
        { id: 'brn-port', name: 'Port of Halvik', sophistication: 2, software: ['railctl-plc', 'mailhub-rce'], tags: ['civilian', 'logistics'] },
      ],
      capabilities: [
        { id: 'brn-tidewater', name: 'TIDEWATER', vuln: 'vexmail-rce', kind: 'espionage', power: 2 },
        { id: 'brn-blackout', name: 'BLACKOUT', vuln: 'gridlink-auth', kind: 'effect', effect: 'disrupt', power: 3 },
      ],
      objectives: [
        {
          type: 'influenceAtLeast',
          id: 'brn-influence',
          text: 'Our government wants Brennmark seen as a regional cyber leader: reach influence 4 (share tools, train partners).',
          amount: 4,
          points: 10,
        },
      ],
    },
    {
      id: 'corvania',
      name: 'Corvania',
      tier: 'middle',
      skill: 4,
      hygiene: 0.8,
      intel: 3,
      knownVulns: ['radnet-lpe', 'pressbox-sqli'],
      networks: [
        { id: 'cor-sig', name: 'Corvanian Signals Directorate', sophistication: 4, software: ['officeone-macro'], tags: ['military', 'intelligence'] },
        { id: 'cor-bank', name: 'Corvanian Central Bank Clearing', sophistication: 3, software: ['mailhub-rce', 'gatekeep-vpn'], tags: ['civilian', 'finance'] },
      ],
      capabilities: [
        { id: 'cor-mistral', name: 'MISTRAL', vuln: 'radnet-lpe', kind: 'espionage', power: 3 },
        { id: 'cor-quill', name: 'QUILL', vuln: 'pressbox-sqli', kind: 'effect', effect: 'deny', power: 2 },
      ],
      objectives: [
        {
          type: 'noAttribution',
          id: 'cor-deniable',
          text: 'Corvania is in trade talks with the Kragan Union: no effect of ours may be attributed to us, all game.',
          points: 12,
        },
      ],
    },
    {
      id: 'duvessa',
      name: 'Duvessa',
      tier: 'small',
      skill: 2,
      hygiene: 0.45,
      intel: 0,
      knownVulns: ['vexmail-rce'],
      networks: [
        { id: 'duv-gov', name: 'Duvessan Government Cloud', sophistication: 2, software: ['officeone-macro', 'mailhub-rce', 'vexmail-rce'], tags: ['government'] },
        { id: 'duv-power', name: 'Duvessan Border Power Utility', sophistication: 1, software: ['railctl-plc'], tags: ['civilian', 'energy', 'border'] },
      ],
      capabilities: [{ id: 'duv-heron', name: 'HERON', vuln: 'vexmail-rce', kind: 'espionage', power: 1 }],
      objectives: [
        {
          type: 'availabilityAbove',
          id: 'duv-lights-on',
          text: 'Keep the lights on: Duvessan services must stay above 70 availability.',
          above: 70,
          points: 12,
        },
      ],
    },
  ],
  adversary: {
    id: 'kragan',
    name: 'Kragan Union',
    tier: 'major',
    skill: 5,
    hygiene: 0.7,
    intel: 3,
    knownVulns: ['officeone-macro', 'gatekeep-vpn', 'railctl-plc', 'mailhub-rce'],
    temperament: 'balanced',
    networks: [
      { id: 'kr-adn', name: 'Northern Air-Defence Node', sophistication: 4, hardening: 1, software: ['skyhaven-rce', 'radnet-lpe'], tags: ['air-defence', 'military'] },
      { id: 'kr-c2', name: 'Kragan Joint Command Network', sophistication: 5, hardening: 1, software: ['radnet-lpe', 'vexmail-rce'], tags: ['military', 'command'] },
      { id: 'kr-grid', name: 'Eastern Power Grid', sophistication: 2, software: ['gridlink-auth', 'vexmail-rce'], tags: ['civilian', 'energy'] },
      { id: 'kr-media', name: 'Kragan State Media', sophistication: 2, software: ['pressbox-sqli', 'vexmail-rce'], tags: ['civilian', 'media'] },
    ],
    capabilities: [
      { id: 'kr-inkwell', name: 'INKWELL', vuln: 'officeone-macro', kind: 'espionage', power: 3 },
      { id: 'kr-courier', name: 'COURIER', vuln: 'mailhub-rce', kind: 'espionage', power: 2 },
      { id: 'kr-sandstorm', name: 'SANDSTORM', vuln: 'gatekeep-vpn', kind: 'effect', effect: 'deny', power: 3 },
      { id: 'kr-frostbite', name: 'FROSTBITE', vuln: 'railctl-plc', kind: 'effect', effect: 'disrupt', power: 3 },
    ],
  },
  coalitionObjectives: [
    {
      type: 'effectOnNetwork',
      id: 'open-corridor',
      text: 'Degrade, deny, disrupt or destroy the Kragan Northern Air-Defence Node by the end of turn 6, so that Brennmark\'s strike gets through.',
      network: 'kr-adn',
      effects: ['degrade', 'deny', 'disrupt', 'destroy'],
      byTurn: 6,
      points: 30,
    },
  ],
  msel: [
    {
      id: 'strike-tasking',
      turn: 1,
      title: 'Strike tasking issued',
      text: 'Coalition headquarters tasks Brennmark\'s air wing against the Kragan fuel depots. Launch is at turn 6. The route passes inside the coverage of the Northern Air-Defence Node; without a cyber effect on it first, the mission will be scrubbed.',
    },
    {
      id: 'border-exercise',
      turn: 2,
      title: 'Kragan snap exercise near the Duvessan border',
      text: 'Two Kragan armoured brigades start an unannounced exercise 20 km from the Duvessan border. Duvessan officials report phishing e-mails in ministry inboxes and ask allies for help.',
    },
    {
      id: 'partner-tipoff',
      turn: 3,
      title: 'Partner service tip-off',
      text: 'A friendly intelligence service passes Brennmark technical notes on the RadNet operating system used across Kragan military networks. With them, Brennmark can now develop its own tools against RadNet — if it has time.',
      intelGrant: { nation: 'brennmark', amount: 3, vuln: 'radnet-lpe' },
    },
    {
      id: 'border-blackout',
      turn: 4,
      title: 'Blackout in the Duvessan border region',
      text: 'Substations along the Duvessan border trip one after another. Hospitals run on generators. The utility suspects an intrusion but cannot find it.',
      availabilityHit: { network: 'duv-power', amount: 20 },
    },
    {
      id: 'skyhaven-audit',
      turn: 7,
      title: 'Researcher announces SkyHaven audit',
      text: 'A well-known security researcher announces she is auditing SkyHaven SCADA firmware and will publish everything she finds. Anyone holding SkyHaven exploits has to decide now: use them, or keep them and hope she finds nothing.',
    },
  ],
};
