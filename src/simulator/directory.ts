// The simulated CIC directory: who can log in, their extensions, and the ACD workgroups.

export interface SimUser {
  userId: string;
  displayName: string;
  password: string;
  extension: string;
  /** What the user may do beyond their own calls: `supervisor` listens, coaches, joins, sets others' status. */
  rights?: string[];
}

export interface SimWorkgroup {
  name: string;
  members: string[];
}

export interface Directory {
  users: SimUser[];
  workgroups: SimWorkgroup[];
}

export const DEFAULT_DIRECTORY: Directory = {
  users: [
    { userId: 'agent1', displayName: 'Agent One', password: '1234', extension: '7001' },
    { userId: 'agent2', displayName: 'Agent Two', password: '1234', extension: '7002' },
    { userId: 'supervisor', displayName: 'Sam Supervisor', password: '1234', extension: '7003', rights: ['supervisor'] },
  ],
  workgroups: [
    { name: 'Support', members: ['agent1', 'agent2'] },
    { name: 'Sales', members: ['agent2', 'supervisor'] },
  ],
};

/** What a dialled string or queue name resolves to. */
export type Party =
  | { kind: 'user'; user: SimUser }
  | { kind: 'workgroup'; workgroup: SimWorkgroup }
  | { kind: 'external'; number: string };

/** Digits with optional leading +, and the separators people type. */
const PHONE_NUMBER = /^\+?[0-9][0-9 ()*#.-]{2,30}$/;

export class DirectoryLookup {
  constructor(readonly directory: Directory) {}

  user(userId: string): SimUser | undefined {
    const lower = userId.toLowerCase();
    return this.directory.users.find((u) => u.userId.toLowerCase() === lower);
  }

  userByExtension(extension: string): SimUser | undefined {
    return this.directory.users.find((u) => u.extension === extension);
  }

  workgroup(name: string): SimWorkgroup | undefined {
    const lower = name.toLowerCase();
    return this.directory.workgroups.find((w) => w.name.toLowerCase() === lower);
  }

  /** Resolves a dialled target: a user ID, an extension, a workgroup name, or an outside number. */
  resolveTarget(target: string): Party | undefined {
    const trimmed = target.trim();
    const user = this.user(trimmed) ?? this.userByExtension(trimmed);
    if (user) return { kind: 'user', user };
    const workgroup = this.workgroup(trimmed);
    if (workgroup) return { kind: 'workgroup', workgroup };
    if (PHONE_NUMBER.test(trimmed)) return { kind: 'external', number: trimmed };
    return undefined;
  }
}
