// Subject syntax and wildcard matching shared by both bus implementations, so a subject the memory
// bus accepts is one NATS accepts too. Tokens are dot-separated and non-empty; `*` matches exactly
// one token, `>` one or more trailing tokens and only as the last token. Publish subjects take no
// wildcards. The trie keeps publish cost proportional to the subject depth, not the subscriber count.

const BAD_CHARS = /[\s\0]/;

/** Throws a TypeError naming the problem when `subject` is not a valid publish subject. */
export function assertPublishSubject(subject: string): void {
  splitTokens(subject, 'publish');
  if (/[*>]/.test(subject)) throw new TypeError(`bus: publish subject "${subject}" must not contain wildcards`);
}

/** Throws a TypeError when `subject` is not a valid subscription pattern. */
export function assertSubscribeSubject(subject: string): void {
  const tokens = splitTokens(subject, 'subscribe');
  tokens.forEach((t, i) => {
    if (t === '>' && i !== tokens.length - 1) {
      throw new TypeError(`bus: '>' must be the last token in "${subject}"`);
    }
    if (t.length > 1 && (t.includes('*') || t.includes('>'))) {
      throw new TypeError(`bus: wildcards must be whole tokens in "${subject}"`);
    }
  });
}

/** Queue group names are a single word: no whitespace, no dots, no wildcards. */
export function assertQueueName(queue: string): void {
  if (typeof queue !== 'string' || queue.length === 0 || BAD_CHARS.test(queue) || /[.*>]/.test(queue)) {
    throw new TypeError(`bus: invalid queue group name ${JSON.stringify(queue)}`);
  }
}

function splitTokens(subject: string, what: string): string[] {
  if (typeof subject !== 'string' || subject.length === 0) {
    throw new TypeError(`bus: ${what} subject must be a non-empty string`);
  }
  if (BAD_CHARS.test(subject)) throw new TypeError(`bus: ${what} subject "${subject}" contains whitespace`);
  const tokens = subject.split('.');
  if (tokens.some((t) => t.length === 0)) throw new TypeError(`bus: ${what} subject "${subject}" has an empty token`);
  return tokens;
}

interface Node<T> {
  readonly next: Map<string, Node<T>>;
  star: Node<T> | undefined;
  /** Entries whose pattern ends here. */
  readonly here: Set<T>;
  /** Entries whose pattern ends with `>` right after this node. */
  readonly rest: Set<T>;
}

const newNode = <T>(): Node<T> => ({ next: new Map(), star: undefined, here: new Set(), rest: new Set() });

/** Subscription patterns to entries; match() returns every entry whose pattern matches a subject. */
export class SubjectTrie<T> {
  private readonly root: Node<T> = newNode();

  add(pattern: string, entry: T): void {
    let node = this.root;
    for (const t of pattern.split('.')) {
      if (t === '>') {
        node.rest.add(entry);
        return;
      }
      if (t === '*') {
        node.star ??= newNode();
        node = node.star;
      } else {
        let child = node.next.get(t);
        if (!child) node.next.set(t, (child = newNode()));
        node = child;
      }
    }
    node.here.add(entry);
  }

  /** Removes the entry and prunes nodes left empty, so churning subjects do not leak memory. */
  remove(pattern: string, entry: T): void {
    const path: Array<{ parent: Node<T>; token: string }> = [];
    let node: Node<T> | undefined = this.root;
    for (const t of pattern.split('.')) {
      if (t === '>') {
        node.rest.delete(entry);
        this.prune(path, node);
        return;
      }
      const child: Node<T> | undefined = t === '*' ? node.star : node.next.get(t);
      if (!child) return;
      path.push({ parent: node, token: t });
      node = child;
    }
    node.here.delete(entry);
    this.prune(path, node);
  }

  match(subject: string): T[] {
    const out: T[] = [];
    collect(this.root, subject.split('.'), 0, out);
    return out;
  }

  private prune(path: Array<{ parent: Node<T>; token: string }>, leaf: Node<T>): void {
    let node = leaf;
    for (let i = path.length - 1; i >= 0; i--) {
      if (node.here.size || node.rest.size || node.next.size || node.star) return;
      const { parent, token } = path[i]!;
      if (token === '*') parent.star = undefined;
      else parent.next.delete(token);
      node = parent;
    }
  }
}

function collect<T>(node: Node<T>, tokens: string[], i: number, out: T[]): void {
  if (i === tokens.length) {
    for (const e of node.here) out.push(e);
    return;
  }
  for (const e of node.rest) out.push(e);
  const exact = node.next.get(tokens[i]!);
  if (exact) collect(exact, tokens, i + 1, out);
  if (node.star) collect(node.star, tokens, i + 1, out);
}
