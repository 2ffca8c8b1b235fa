import type { ScenarioInput } from './schema.ts';

/**
 * "Grey Meridian": the large coalition exercise. Twelve fictional allies (two major,
 * four middle, six small) against the Morvath Directorate, twelve turns, three
 * coalition objectives, and Hesperia playing the CyOC.
 *
 * Who can reach what (the reason sharing, tailoring and sovereign effects matter):
 * - Air-defence belt `mv-adb` (aegis-rce, corvus-lpe): an effect on aegis only from
 *   Hesperia (LANCE, which Hesperia privately must keep fresh); an effect on corvus only
 *   from Tarvos (SPINDLE). Pellion learns aegis-rce on turn 3 and could develop slowly.
 * - Naval fuel port `mv-port` (harbor-auth, corvus-lpe): Hesperia (TIDE) and Tarvos
 *   (HAMMER, which Tarvos privately must keep fresh); Ostvald has espionage on harbor.
 * - General Staff C2 `mv-c2` (corvus-lpe, strela-rce): Tarvos (SPINDLE) only, on a
 *   sophistication-5, hardening-2 target; Myrrhen and Arvo have espionage on strela.
 * - Rail, broadcast and finance networks are reachable by the middle and small states'
 *   own tools (Myrrhen, Kessary, Calveria, Ostvald) but are not coalition objectives.
 */
export const coalitionLarge: ScenarioInput = {
  id: 'grey-meridian',
  version: '1.1',
  title: 'Grey Meridian — a twelve-nation coalition',
  summary:
    'The Morvath Directorate has occupied the Kaldera peninsula and is supplying its forces through the naval fuel port there, under the ' +
    'cover of the Western Air-Defence Belt. Twelve allies have formed a coalition to push it back. The coalition\'s Cyber Operations ' +
    'Centre, run by Hesperia, will ask nations for sovereign cyber effects: first against the air-defence belt (by turn 6, to let the ' +
    'air campaign start), then against the fuel port (by turn 9) and the General Staff command network (by the end). Two large cyber ' +
    'powers hold most of the tools that can reach these targets, and both would rather not burn them. Four middle powers and six small ' +
    'states have their own tools, their own weaknesses, and their own instructions from home. Morvath\'s hackers are already probing your ' +
    'networks. Share, tailor, train, hunt forward, or act yourself — every use of a tool makes it more likely that it will be found, ' +
    'patched, and blamed on whoever wrote it.',
  minutes: 150,
  turns: 12,
  planningSeconds: 420,
  cyoc: 'hesperia',
  showScores: true,
  tunables: {
    // A twelve-nation CyOC is slower: requests accepted this turn execute next turn.
    coordinationDelay: 1,
    // Tuned with the seeded study (v1.1): the reasons are in shared/study/tuning.ts.
    developBase: 5,
    tailorExtra: 0,
  },
  weights: {
    coalitionObjective: 1.5,
    influence: 0.1,
  },
  trust: {
    default: 50,
    pairs: [
      { a: 'hesperia', b: 'tarvos', value: 70 },
      { a: 'hesperia', b: 'arvo', value: 75 },
      { a: 'hesperia', b: 'belisk', value: 65 },
      { a: 'tarvos', b: 'myrrhen', value: 68 },
      { a: 'tarvos', b: 'ostvald', value: 30 },
      { a: 'myrrhen', b: 'kessary', value: 70 },
      { a: 'calveria', b: 'lirna', value: 65 },
      { a: 'pellion', b: 'vaska', value: 62 },
      { a: 'ostvald', b: 'sorrin', value: 35 },
    ],
  },
  allies: [
    // ── major ──────────────────────────────────────────────────────────────
    {
      id: 'hesperia',
      name: 'Hesperia',
      tier: 'major',
      skill: 5,
      hygiene: 0.8,
      intel: 5,
      influence: 4,
      knownVulns: ['aegis-rce', 'corvus-lpe', 'harbor-auth', 'strela-rce'],
      temperament: 'sharer',
      networks: [
        { id: 'hes-mod', name: 'Hesperian Defence Ministry', sophistication: 5, software: ['quill-macro', 'portcullis-rce'], tags: ['military'] },
        { id: 'hes-grid', name: 'Hesperian Grid Operator', sophistication: 4, software: ['gridmaster-fw', 'portcullis-rce'], tags: ['civilian', 'energy'] },
        { id: 'hes-cyoc', name: 'Coalition CyOC Network', sophistication: 5, hardening: 1, software: ['hermes-rce', 'quill-macro'], tags: ['military', 'coalition'] },
      ],
      capabilities: [
        { id: 'hes-lance', name: 'LANCE', vuln: 'aegis-rce', kind: 'effect', effect: 'degrade', power: 4 },
        { id: 'hes-owl', name: 'OWL', vuln: 'corvus-lpe', kind: 'espionage', power: 3 },
        { id: 'hes-tide', name: 'TIDE', vuln: 'harbor-auth', kind: 'effect', effect: 'deny', power: 3 },
      ],
      objectives: [
        {
          type: 'keepFresh',
          id: 'hes-keep-lance',
          text: 'LANCE is reserved for a national contingency plan: keep it above 50 freshness until turn 10.',
          capability: 'hes-lance',
          above: 50,
          untilTurn: 10,
          points: 15,
        },
        {
          type: 'influenceAtLeast',
          id: 'hes-influence',
          text: 'Lead the coalition: reach influence 10.',
          amount: 10,
          points: 10,
        },
      ],
    },
    {
      id: 'tarvos',
      name: 'Tarvos',
      tier: 'major',
      skill: 4,
      hygiene: 0.9,
      intel: 6,
      knownVulns: ['corvus-lpe', 'harbor-auth', 'strela-rce', 'ledger-rce'],
      temperament: 'hoarder',
      networks: [
        { id: 'tar-mod', name: 'Tarvosian General Staff', sophistication: 5, software: ['quill-macro', 'hermes-rce'], tags: ['military'] },
        { id: 'tar-fin', name: 'Tarvosian Stock Exchange', sophistication: 4, software: ['atlas-sqli', 'portcullis-rce'], tags: ['civilian', 'finance'] },
        { id: 'tar-tel', name: 'Tarvosian Telecom Core', sophistication: 3, software: ['portcullis-rce', 'gridmaster-fw'], tags: ['civilian', 'telecom'] },
      ],
      capabilities: [
        { id: 'tar-hammer', name: 'HAMMER', vuln: 'harbor-auth', kind: 'effect', effect: 'destroy', power: 5 },
        { id: 'tar-spindle', name: 'SPINDLE', vuln: 'corvus-lpe', kind: 'effect', effect: 'disrupt', power: 4 },
        { id: 'tar-ghost', name: 'GHOST', vuln: 'strela-rce', kind: 'espionage', power: 4 },
      ],
      objectives: [
        {
          type: 'keepFresh',
          id: 'tar-keep-hammer',
          text: 'HAMMER took five years to build: keep it above 60 freshness until the last turn.',
          capability: 'tar-hammer',
          above: 60,
          untilTurn: 12,
          points: 15,
        },
        {
          type: 'noAttribution',
          id: 'tar-deniable',
          text: 'Tarvos will not be named: no effect of ours may be attributed to us.',
          points: 10,
        },
      ],
    },
    // ── middle ─────────────────────────────────────────────────────────────
    {
      id: 'calveria',
      name: 'Calveria',
      tier: 'middle',
      skill: 3,
      hygiene: 0.7,
      intel: 2,
      knownVulns: ['corvus-lpe', 'bcast-xss'],
      networks: [
        { id: 'cal-mod', name: 'Calverian Defence Network', sophistication: 3, software: ['quill-macro', 'portcullis-rce'], tags: ['military'] },
        { id: 'cal-port', name: 'Port of Saint Orrel', sophistication: 2, software: ['gridmaster-fw', 'hermes-rce', 'harbor-auth'], tags: ['civilian', 'logistics'] },
      ],
      capabilities: [
        { id: 'cal-kite', name: 'KITE', vuln: 'corvus-lpe', kind: 'espionage', power: 2 },
        { id: 'cal-static', name: 'STATIC', vuln: 'bcast-xss', kind: 'effect', effect: 'disrupt', power: 2 },
      ],
      objectives: [
        {
          type: 'influenceAtLeast',
          id: 'cal-influence',
          text: 'Calveria wants a seat at the top table: reach influence 5.',
          amount: 5,
          points: 10,
        },
      ],
    },
    {
      id: 'myrrhen',
      name: 'Myrrhen',
      tier: 'middle',
      skill: 4,
      hygiene: 0.75,
      intel: 3,
      knownVulns: ['strela-rce', 'railsched-sqli'],
      networks: [
        { id: 'myr-mod', name: 'Myrrhenian Armed Forces Network', sophistication: 4, software: ['quill-macro', 'hermes-rce'], tags: ['military'] },
        { id: 'myr-rail', name: 'Myrrhenian Railways', sophistication: 2, software: ['gridmaster-fw', 'atlas-sqli', 'railsched-sqli'], tags: ['civilian', 'logistics'] },
      ],
      capabilities: [
        { id: 'myr-needle', name: 'NEEDLE', vuln: 'strela-rce', kind: 'espionage', power: 3 },
        { id: 'myr-frost', name: 'FROST', vuln: 'railsched-sqli', kind: 'effect', effect: 'deny', power: 3 },
      ],
      objectives: [
        {
          type: 'intelAtLeast',
          id: 'myr-intel',
          text: 'Myrrhen\'s intelligence service wants results: hold at least 12 intel points at the end.',
          amount: 12,
          points: 10,
        },
      ],
    },
    {
      id: 'ostvald',
      name: 'Ostvald',
      tier: 'middle',
      skill: 3,
      hygiene: 0.55,
      intel: 2,
      knownVulns: ['ledger-rce', 'harbor-auth'],
      temperament: 'sovereign-first',
      networks: [
        { id: 'ost-gov', name: 'Ostvaldian Government Network', sophistication: 3, software: ['quill-macro', 'atlas-sqli'], tags: ['government'] },
        { id: 'ost-grid', name: 'Ostvaldian Power Grid', sophistication: 2, software: ['gridmaster-fw'], tags: ['civilian', 'energy'] },
      ],
      capabilities: [
        { id: 'ost-pike', name: 'PIKE', vuln: 'ledger-rce', kind: 'effect', effect: 'deny', power: 2 },
        { id: 'ost-gull', name: 'GULL', vuln: 'harbor-auth', kind: 'espionage', power: 2 },
      ],
      objectives: [
        {
          type: 'noAttribution',
          id: 'ost-deniable',
          text: 'Ostvald buys Morvath gas: no effect of ours may be attributed to us.',
          points: 12,
        },
      ],
    },
    {
      id: 'pellion',
      name: 'Pellion',
      tier: 'middle',
      skill: 2,
      hygiene: 0.6,
      intel: 1,
      knownVulns: ['railsched-sqli'],
      networks: [
        { id: 'pel-gov', name: 'Pellian Government Cloud', sophistication: 3, software: ['quill-macro', 'hermes-rce'], tags: ['government'] },
        { id: 'pel-tel', name: 'Pellian Telecom', sophistication: 2, software: ['portcullis-rce', 'atlas-sqli'], tags: ['civilian', 'telecom'] },
      ],
      capabilities: [{ id: 'pel-wren', name: 'WREN', vuln: 'railsched-sqli', kind: 'espionage', power: 2 }],
      objectives: [
        {
          type: 'availabilityAbove',
          id: 'pel-uptime',
          text: 'Pellion hosts the coalition\'s logistics hub: keep its services above 75 availability.',
          above: 75,
          points: 10,
        },
      ],
    },
    // ── small ──────────────────────────────────────────────────────────────
    {
      id: 'arvo',
      name: 'Arvo',
      tier: 'small',
      skill: 2,
      hygiene: 0.5,
      knownVulns: ['strela-rce'],
      networks: [
        { id: 'arv-gov', name: 'Arvian Government Network', sophistication: 2, software: ['quill-macro', 'hermes-rce'], tags: ['government'] },
        { id: 'arv-grid', name: 'Arvian Power Grid', sophistication: 1, software: ['gridmaster-fw'], tags: ['civilian', 'energy', 'border'] },
      ],
      capabilities: [{ id: 'arv-moth', name: 'MOTH', vuln: 'strela-rce', kind: 'espionage', power: 1 }],
      objectives: [
        {
          type: 'availabilityAbove',
          id: 'arv-uptime',
          text: 'Arvo borders Morvath: keep its services above 70 availability.',
          above: 70,
          points: 10,
        },
      ],
    },
    {
      id: 'belisk',
      name: 'Belisk',
      tier: 'small',
      skill: 1,
      hygiene: 0.4,
      networks: [{ id: 'bel-gov', name: 'Belisk Government Network', sophistication: 1, software: ['quill-macro', 'portcullis-rce'], tags: ['government'] }],
      objectives: [
        {
          type: 'intelAtLeast',
          id: 'bel-intel',
          text: 'Belisk wants to learn: hold at least 5 intel points at the end (host a hunt, or be trained).',
          amount: 5,
          points: 10,
        },
      ],
    },
    {
      id: 'kessary',
      name: 'Kessary',
      tier: 'small',
      skill: 3,
      hygiene: 0.7,
      intel: 1,
      knownVulns: ['railsched-sqli'],
      networks: [
        { id: 'kes-gov', name: 'Kessarian Government Network', sophistication: 3, software: ['quill-macro', 'atlas-sqli'], tags: ['government'] },
        { id: 'kes-port', name: 'Kessarian Ferry Terminal', sophistication: 2, software: ['hermes-rce'], tags: ['civilian', 'logistics'] },
      ],
      capabilities: [{ id: 'kes-flint', name: 'FLINT', vuln: 'railsched-sqli', kind: 'effect', effect: 'disrupt', power: 2 }],
      objectives: [
        {
          type: 'keepFresh',
          id: 'kes-keep-flint',
          text: 'FLINT is Kessary\'s only effect tool and its ticket to the table: keep it above 40 freshness to the end.',
          capability: 'kes-flint',
          above: 40,
          untilTurn: 12,
          points: 10,
        },
      ],
    },
    {
      id: 'lirna',
      name: 'Lirna',
      tier: 'small',
      skill: 2,
      hygiene: 0.6,
      knownVulns: ['bcast-xss'],
      networks: [{ id: 'lir-gov', name: 'Lirnan Government Network', sophistication: 2, software: ['quill-macro', 'portcullis-rce'], tags: ['government'] }],
      objectives: [
        {
          type: 'availabilityAbove',
          id: 'lir-uptime',
          text: 'Elections are coming: keep Lirnan services above 70 availability.',
          above: 70,
          points: 10,
        },
      ],
    },
    {
      id: 'sorrin',
      name: 'Sorrin',
      tier: 'small',
      skill: 1,
      hygiene: 0.35,
      networks: [
        { id: 'sor-gov', name: 'Sorrinese Government Network', sophistication: 1, software: ['quill-macro', 'hermes-rce'], tags: ['government'] },
        { id: 'sor-grid', name: 'Sorrinese Power Grid', sophistication: 1, software: ['gridmaster-fw', 'portcullis-rce'], tags: ['civilian', 'energy', 'border'] },
      ],
      objectives: [
        {
          type: 'availabilityAbove',
          id: 'sor-uptime',
          text: 'Keep Sorrinese services above 60 availability.',
          above: 60,
          points: 10,
        },
      ],
    },
    {
      id: 'vaska',
      name: 'Vaska',
      tier: 'small',
      skill: 2,
      hygiene: 0.5,
      knownVulns: ['bcast-xss'],
      networks: [{ id: 'vas-gov', name: 'Vaskan Government Network', sophistication: 2, software: ['quill-macro', 'atlas-sqli'], tags: ['government'] }],
      capabilities: [{ id: 'vas-reed', name: 'REED', vuln: 'bcast-xss', kind: 'espionage', power: 1 }],
    },
  ],
  adversary: {
    id: 'morvath',
    name: 'Morvath Directorate',
    tier: 'major',
    skill: 4,
    hygiene: 0.75,
    intel: 4,
    knownVulns: ['quill-macro', 'portcullis-rce', 'gridmaster-fw', 'hermes-rce', 'atlas-sqli'],
    temperament: 'reckless',
    networks: [
      { id: 'mv-adb', name: 'Western Air-Defence Belt', sophistication: 4, hardening: 1, software: ['aegis-rce', 'corvus-lpe'], tags: ['air-defence', 'military'] },
      { id: 'mv-port', name: 'Kaldera Naval Fuel Port', sophistication: 3, software: ['harbor-auth', 'corvus-lpe'], tags: ['logistics', 'military'] },
      { id: 'mv-c2', name: 'Morvath General Staff C2', sophistication: 5, hardening: 2, software: ['corvus-lpe', 'strela-rce'], tags: ['command', 'military'] },
      { id: 'mv-rail', name: 'Military Rail Dispatch', sophistication: 2, software: ['railsched-sqli', 'strela-rce'], tags: ['logistics'] },
      { id: 'mv-media', name: 'Morvath State Broadcaster', sophistication: 2, software: ['bcast-xss', 'strela-rce'], tags: ['civilian', 'media'] },
      { id: 'mv-bank', name: 'Directorate Trade Bank', sophistication: 3, software: ['ledger-rce', 'strela-rce'], tags: ['civilian', 'finance'] },
    ],
    capabilities: [
      { id: 'mv-viper', name: 'VIPER', vuln: 'quill-macro', kind: 'espionage', power: 3 },
      { id: 'mv-jackal', name: 'JACKAL', vuln: 'hermes-rce', kind: 'espionage', power: 3 },
      { id: 'mv-kraken', name: 'KRAKEN', vuln: 'portcullis-rce', kind: 'effect', effect: 'deny', power: 4 },
      { id: 'mv-blight', name: 'BLIGHT', vuln: 'gridmaster-fw', kind: 'effect', effect: 'destroy', power: 3 },
      { id: 'mv-rust', name: 'RUST', vuln: 'atlas-sqli', kind: 'effect', effect: 'degrade', power: 2 },
    ],
  },
  coalitionObjectives: [
    {
      type: 'effectOnNetwork',
      id: 'blind-the-belt',
      text: 'Degrade, deny, disrupt or destroy the Western Air-Defence Belt by the end of turn 6, so the air campaign can begin.',
      network: 'mv-adb',
      effects: ['degrade', 'deny', 'disrupt', 'destroy'],
      byTurn: 6,
      points: 30,
    },
    {
      type: 'effectOnNetwork',
      id: 'dry-the-port',
      text: 'Deny, disrupt or destroy the Kaldera Naval Fuel Port by the end of turn 9, to cut the occupying force\'s fuel.',
      network: 'mv-port',
      effects: ['deny', 'disrupt', 'destroy'],
      byTurn: 9,
      points: 20,
    },
    {
      type: 'effectOnNetwork',
      id: 'cut-c2',
      text: 'Disrupt or degrade the Morvath General Staff C2 network before the end of the exercise.',
      network: 'mv-c2',
      effects: ['disrupt', 'degrade'],
      byTurn: 12,
      points: 20,
    },
  ],
  msel: [
    {
      id: 'mobilisation',
      turn: 1,
      title: 'Morvath mobilises',
      text: 'Morvath declares a state of emergency on the Kaldera peninsula and calls up reservists. The coalition CyOC opens its request list: the air-defence belt first.',
    },
    {
      id: 'sorrin-outages',
      turn: 2,
      title: 'Unexplained outages in Sorrin',
      text: 'Sorrin\'s grid operator reports rolling outages it cannot explain. Sorrin has almost no cyber defenders of its own and asks for a hunt-forward team.',
      availabilityHit: { network: 'sor-grid', amount: 15 },
    },
    {
      id: 'aegis-defector',
      turn: 3,
      title: 'Defector brings Aegis manuals',
      text: 'A Morvath engineer defects to Pellion with maintenance manuals for the Aegis SCADA that runs the air-defence belt. Pellion can now develop its own tools against Aegis — slowly.',
      intelGrant: { nation: 'pellion', amount: 4, vuln: 'aegis-rce' },
    },
    {
      id: 'ransomware-wave',
      turn: 4,
      title: 'Ransomware wave hits Arvo',
      text: 'A ransomware group with suspected Morvath links encrypts Arvian ministry file servers. Morvath denies any involvement.',
      availabilityHit: { network: 'arv-gov', amount: 20 },
    },
    {
      id: 'air-campaign',
      turn: 6,
      title: 'Air campaign decision',
      text: 'Coalition ministers decide this turn whether the air campaign goes ahead. Whatever happens to the air-defence belt by the end of this turn decides it.',
    },
    {
      id: 'threat-report',
      turn: 7,
      title: 'Commercial threat-intelligence report',
      text: 'A private security company publishes a report on Morvath\'s port logistics software. Myrrhen\'s analysts extract a working vulnerability from its appendix.',
      intelGrant: { nation: 'myrrhen', amount: 3, vuln: 'harbor-auth' },
    },
    {
      id: 'fuel-surge',
      turn: 9,
      title: 'Fuel convoys surge at Kaldera',
      text: 'Satellite imagery shows tankers queueing at the Kaldera fuel port. If the port is still working at the end of this turn, the occupying force is resupplied for months.',
    },
    {
      id: 'summit',
      turn: 10,
      title: 'Alliance summit',
      text: 'Heads of government meet next week. Ministers want to name whoever is behind the attacks on allied networks — publicly, and correctly.',
    },
  ],
};
