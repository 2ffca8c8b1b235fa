/**
 * What was changed in the shipped scenario data so that the game teaches the essays, and
 * why — shown in the study's report. Each entry names the field, the old and new values
 * and the claim that failed without it (as measured by the study before the change).
 */
export interface Tuning {
  readonly field: string;
  readonly from: string;
  readonly to: string;
  readonly why: string;
}

export const TUNINGS: Readonly<Record<string, readonly Tuning[]>> = {
  'baltic-shield': [
    {
      field: '`tunables.developBase`',
      from: '2 (default)',
      to: '6',
      why:
        'Claim 9. With quick builds Aldoria rebuilt a power-4 effect on the air-defence node in one turn, so every mix opened the corridor in 90–100% of matches and the coalition score hardly depended on who did what (27.5 to 30.1 across the mixes in 200 matches; the coalition’s best mix against Aldoria’s best: 1.5 points, p = 0.3): no choice cost the coalition anything. Slow builds make the tools in hand precious — the essays’ “tens of thousands of hours”.',
    },
    {
      field: '`tunables.tailorExtra`',
      from: '1 (default)',
      to: '0',
      why: 'Claim 8. With developBase 6 and an extra turn, no tailored tool could arrive before the strike, and no ally tailored at all (0 tailored uses in 200 matches). Tailoring still costs 3 capacity against 2 for a develop.',
    },
    {
      field: '`tunables.leakPerHolder`',
      from: '0.02 (default)',
      to: '0.05',
      why: 'Claim 5. Leaks were too rare in an eight-turn game: with the other changes in place, source and compiled-only sharing could not be told apart in 200 matches (1.0% against 0.7% of copies leaking per turn, p = 0.09).',
    },
    {
      field: 'Duvessan Government Cloud (`duv-gov`) software; Aldorian National Grid Control (`ald-grid`) software',
      from: 'no software that an allied tool exploits',
      to: '+ `vexmail-rce`; + `gridlink-auth`',
      why: 'Claim 5. No allied network ran software that allied tools exploit, so a leaked tool could never come back against an ally (0 of 84 leaked tools were). Now a leaked VexMail tool can spy on Duvessa and a leaked BLACKOUT can hit Aldoria’s grid, blamed on Brennmark — the NotPetya pattern.',
    },
    {
      field: '`weights.influence`',
      from: '0.5 (default)',
      to: '0.25',
      why: 'Claim 9. With the changes above, the influence each share earns (+2 influence, half a point each) paid for the risks of sharing: Aldoria’s national score was about as high when every ally shared (26.7) as when every ally hoarded (27.4), so the mix best for the coalition (all share) was nearly Aldoria’s best too and the difference could not be told from noise (p = 0.8). The essays’ point is that sharing costs the exporter more than it earns it.',
    },
    {
      field: 'Kragan Union `skill`',
      from: '4',
      to: '5',
      why: 'With developBase 6 the Kragan bot, which only starts builds it can finish within two turns, would never build a new tool again.',
    },
    { field: '`version`', from: '1.0', to: '1.1', why: 'The data changed: records of 1.0 matches keep replaying against the version they name.' },
  ],
  'grey-meridian': [
    {
      field: '`tunables.developBase`',
      from: '2 (default)',
      to: '5',
      why:
        'Claim 9. With quick builds anyone who knew a target’s software built an effect for it in one to three turns (Hesperia a power-4 one in one turn), so the air-defence belt and the fuel port fell in 90–100% of matches under every mix and the coalition score hardly depended on who did what (88.6 to 98.7 across the mixes in 200 matches; the coalition’s best mix against Hesperia’s best: 3.5 points, p = 0.44). Slow builds make the tools in hand precious. Baltic Shield’s 6 left too little time in this game: tailoring nearly stopped (6 tailored uses in 200 matches) and claim 1 lost significance (p = 0.15).',
    },
    {
      field: '`tunables.tailorExtra`',
      from: '1 (default)',
      to: '0',
      why: 'Claim 8. With developBase 5 and an extra turn, tailored tools seldom arrived in time (6 tailored uses in 200 matches, against 115 with the 1.0 data), and in that run claims 1 (p = 0.17), 5 and 9 did not hold either. Tailoring still costs 3 capacity against 2 for a develop.',
    },
    {
      field: 'Port of Saint Orrel (`cal-port`) software; Myrrhenian Railways (`myr-rail`) software',
      from: 'no software that an allied tool exploits',
      to: '+ `harbor-auth`; + `railsched-sqli`',
      why: 'Claim 5. No allied network ran software that allied tools exploit, so a leaked tool could never come back against an ally (0 of 141 leaked tools were). Now a leaked HAMMER or TIDE can hit a Calverian port and a leaked FROST or FLINT the Myrrhenian railways, blamed on their authors — the NotPetya pattern.',
    },
    {
      field: '`weights.influence`',
      from: '0.5 (default)',
      to: '0.1',
      why: 'Claim 9. With the changes above, the influence each share earns paid for the risks of sharing: Hesperia’s national score was highest when every ally shared (56.0, against 46.8 when Hesperia and Tarvos hoarded), a mix nearly as good for the coalition as its best (82.5 against 87.3 when every ally spent its tools recklessly, p = 0.53). Baltic Shield’s 0.25 was not enough here (44.9 against 42.8; the same p = 0.53). The essays’ point is that sharing costs the exporter more than it earns it.',
    },
    { field: '`version`', from: '1.0', to: '1.1', why: 'The data changed: records of 1.0 matches keep replaying against the version they name.' },
  ],
};

/**
 * What the study says under a claim that does not hold on a scenario: why, and what would
 * change it — a rule for the rules' owners or data for the scenario's authors.
 */
export interface ClaimNote {
  readonly heading: string;
  readonly text: string;
}

export const RULE_NOTES: Readonly<Record<number, ClaimNote>> = {
  6: {
    heading: 'Why it does not hold here, and what would change it.',
    text:
      'What the rules decide holds: a sovereign offer must be backed by the offering nation’s own tool, and the executions measured burned no exploit another ally held. What fails is the count. The part that needs sovereign effects to land on an objective network is a proportion of sovereign executions on coalition-objective networks, and when the bots make few (in `grey-meridian` the CyOC is a bot ally whose requests take a turn, `coordinationDelay` 1, and most offers come too late for the objectives’ deadlines), a Wilson interval over a handful of executions cannot be told from zero. Neither a rule nor the data was changed to force it: making every CyOC request execute at once (`coordinationDelay` 0) removes the slowness of a twelve-nation coordination cell that the scenario is about, and making the bots offer more changes every other claim. The scenario’s authors can choose either; the study will then measure it.',
  },
  10: {
    heading: 'Why it can fail on a scenario.',
    text:
      'Under the rules a consented dual-key use goes ahead one resolution after the consent (docs/design.md §4.2), so the tempo part measures a real delay. It can still fail where allies order few operations with compiled-only imported copies against coalition-objective networks (few dual-key shares of tools that reach an objective): the two proportions are then measured on too few operations to be told apart.',
  },
};
