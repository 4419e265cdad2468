/**
 * Who may do what, deny by default. An action is a named right with the
 * roles that hold it and, for rights over a centre's objects, the rule that
 * decides whether a particular object is the actor's. Features define their
 * actions next to their routes and list them in their manifest; the app
 * collects every action of every feature into one `PolicyRegistry` at
 * start-up, refuses duplicate names and refuses to start when a route names
 * an action nobody registered (authorize.ts). Routes name the action object
 * itself, so a typo is a type error, not a hole.
 *
 * Two walls, always both: the route's action is checked by the
 * authorisation hook before the handler runs; the object a handler loads
 * is checked by `requireAccess` (access.ts) against the same action — and
 * row-level security in the database checks the centre a third time.
 * Refusals answer 404 "not found or no access", never 403, so nobody
 * learns that another centre's record exists.
 */
import type { Actor, Role } from './types.ts';

/** The object an object-level rule looks at: at least whose centre it belongs to (null: the network's). */
export type Owned = { centreId: string | null };

type Who = Pick<Actor, 'role' | 'centreId'> & Partial<Pick<Actor, 'userId'>>;

export type ActionDefinition<R extends Owned = Owned> = {
  /** Stable name, as recorded in the route list and the audit log ("area.verb"). */
  readonly name: string;
  /** The roles that hold this right at all. */
  readonly roles: readonly Role[];
  /**
   * Whether the actor may exercise the right on one particular object. The
   * default for every action: network roles (administrators, coordination
   * office) any object, centre roles only their own centre's.
   */
  readonly object: (actor: Who, resource: R) => boolean;
  /** What the right allows, for the reviewer and the generated docs. */
  readonly description: string;
};

const NETWORK_ROLES: readonly Role[] = ['admin', 'coordination'];

/** Network roles see every centre; centre roles only their own. */
export function sameCentre(actor: Who, resource: Owned): boolean {
  if (NETWORK_ROLES.includes(actor.role)) return true;
  return resource.centreId !== null && actor.centreId === resource.centreId;
}

export function defineAction<R extends Owned = Owned>(def: {
  name: string;
  roles: readonly Role[];
  description: string;
  object?: (actor: Who, resource: R) => boolean;
}): ActionDefinition<R> {
  if (!/^[a-z_]+\.[a-z_]+$/.test(def.name)) throw new Error(`Action name "${def.name}" must look like "area.verb".`);
  return Object.freeze({ ...def, roles: Object.freeze([...def.roles]), object: def.object ?? sameCentre });
}

/**
 * May this actor use this right at all (route level), or — with `resource`
 * — on this object (object level)? No actor, no right.
 */
export function can<R extends Owned>(actor: Who | null, action: ActionDefinition<R>, resource?: R): boolean {
  if (!actor || !action.roles.includes(actor.role)) return false;
  return resource === undefined || action.object(actor, resource);
}

/** Every action of the running app, by name. */
export class PolicyRegistry {
  readonly #byName = new Map<string, ActionDefinition<never>>();

  constructor(actions: Iterable<ActionDefinition<never>>) {
    for (const a of actions) {
      const known = this.#byName.get(a.name);
      if (known && known !== a) throw new Error(`Two different actions are named "${a.name}".`);
      this.#byName.set(a.name, a);
    }
  }

  /** Is exactly this definition registered (not merely one of the same name)? */
  has(action: ActionDefinition<never>): boolean {
    return this.#byName.get(action.name) === action;
  }

  get(name: string): ActionDefinition<never> | undefined {
    return this.#byName.get(name);
  }

  all(): ActionDefinition<never>[] {
    return [...this.#byName.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every registered action (app.ts builds it from the feature manifests). */
    policy: PolicyRegistry;
  }
}

/**
 * Roles whose sign-in counts only with a passkey (checklist #1, "passkeys
 * for admins"): a phished password plus TOTP code, or a recovery code, must
 * not open the platform operator's rights. Such a sign-in completed with
 * another factor gets a restricted session that may only add a passkey
 * (session-hook.ts). Not configurable on purpose.
 */
const PASSKEY_ONLY_ROLES: readonly Role[] = ['admin'];

/** Must this role complete its sign-ins with a passkey? */
export function requiresPasskey(role: Role): boolean {
  return PASSKEY_ONLY_ROLES.includes(role);
}

const ALL_STAFF: readonly Role[] = ['admin', 'coordination', 'centre_lead', 'counsellor'];

/** The kernel's own rights: the staff area itself and one's own account. */
export const STAFF_HOME = defineAction({
  name: 'staff.home',
  roles: ALL_STAFF,
  description: 'Open the staff start page.',
});

export const ACCOUNT_MANAGE = defineAction<Owned & { userId: string }>({
  name: 'account.manage',
  roles: ALL_STAFF,
  description: 'Manage one’s own account: sessions, second factors, password, e-mail address.',
  // Only one's own account, whatever the role.
  object: (actor, resource) => actor.userId !== undefined && resource.userId === actor.userId,
});

export const KERNEL_ACTIONS: readonly ActionDefinition<never>[] = [STAFF_HOME, ACCOUNT_MANAGE];
