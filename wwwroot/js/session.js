// The signed-in user and what the page may offer them. The server enforces every rule; this only hides controls
// that would be refused (the same rules as the server's WriteAccess).
let me = null;

export function setUser(user) { me = user; }
export function user() { return me; }
export function hasRole(role) { return !!me?.roles.includes(role); }

/** True when the user may make a write of kind ('inspection' | 'hazard' | 'enforcement') about an enterprise. */
export function canWrite(kind, township, sector) {
  if (!me) return false;
  if (hasRole('Admin')) return true;
  if (hasRole('DepartmentOfficer') && me.sectors.includes(sector)) return true;
  const bound = me.townships.includes(township);
  if (hasRole('TownshipChief') && bound) return true;
  return hasRole('Inspector') && bound && kind === 'inspection';
}

/** True when the user records anything at all (the write controls are shown). */
export function writesAnything() {
  return ['Admin', 'DepartmentOfficer', 'TownshipChief', 'Inspector'].some(hasRole);
}

/** The township the page is locked to: a township chief's own. */
export function lockedTownship() {
  return hasRole('TownshipChief') && me.townships.length === 1 ? me.townships[0] : null;
}
