import type { Draft } from '../../shared/protocol/classroom.ts';
import type { MatchSession } from './session.ts';

type ComposerDraft = NonNullable<Draft['composer']>;

/** How long after the last change a draft is sent to the server. */
const SAVE_AFTER_MS = 400;

/**
 * One person's drafts on one seat (issue 14): the unsent order in the composer and the text
 * typed in each channel. Kept twice — on the server (`saveDraft` / `loadDraft`, per seat and
 * display name: another laptop of the same person gets them) and in this browser's
 * localStorage (a restarted server has lost its copy; this one puts it back). The newer of
 * the two wins. Not the game: nothing here is logged.
 */
export class DraftKeeper {
  readonly #session: MatchSession;
  readonly #key: string;
  #draft: Draft = { at: 0, composer: null, chat: {} };
  #timer: ReturnType<typeof setTimeout> | undefined;

  private constructor(session: MatchSession, key: string) {
    this.#session = session;
    this.#key = key;
  }

  /** Loads the drafts of `name` on `seat` (server and local copies) and keeps them up to date. */
  static async open(session: MatchSession, matchId: string, seat: string, name: string): Promise<DraftKeeper> {
    const k = new DraftKeeper(session, `se-draft:${matchId}:${seat}:${name}`);
    const local = k.#readLocal();
    const reply = await session.send('loadDraft').catch(() => null);
    const remote = reply?.ok && typeof reply.data?.['draft'] === 'string' && reply.data['draft'] !== '' ? parse(reply.data['draft']) : null;
    k.#draft = [local, remote].filter((d): d is Draft => d !== null).sort((a, b) => b.at - a.at)[0] ?? k.#draft;
    // A server that restarted lost its copy: give it ours again once we are back.
    session.onStatus((now, before) => {
      if (now === 'connected' && before === 'rejoining' && k.#draft.at > 0) k.#save();
    });
    return k;
  }

  get composer(): ComposerDraft | null {
    return this.#draft.composer;
  }

  chat(channel: string): string {
    return this.#draft.chat[channel] ?? '';
  }

  setComposer(composer: ComposerDraft | null): void {
    this.#change({ ...this.#draft, composer });
  }

  setChat(channel: string, text: string): void {
    const chat = { ...this.#draft.chat };
    if (text === '') delete chat[channel];
    else chat[channel] = text.slice(0, 500);
    this.#change({ ...this.#draft, chat });
  }

  #change(next: Omit<Draft, 'at'>): void {
    this.#draft = { ...next, at: Date.now() };
    try {
      localStorage.setItem(this.#key, JSON.stringify(this.#draft));
    } catch {
      // Private mode or full storage: the server's copy remains.
    }
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#save(), SAVE_AFTER_MS);
  }

  #save(): void {
    if (this.#session.status !== 'connected') return;
    this.#session.send('saveDraft', { draft: this.#draft }).catch(() => undefined);
  }

  #readLocal(): Draft | null {
    try {
      return parse(localStorage.getItem(this.#key) ?? '');
    } catch {
      return null;
    }
  }
}

function parse(text: string): Draft | null {
  try {
    const d = JSON.parse(text) as Draft;
    return d && typeof d.at === 'number' && typeof d.chat === 'object' ? d : null;
  } catch {
    return null;
  }
}
