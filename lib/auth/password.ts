import bcrypt from "bcryptjs";

// bcrypt cost 11: ~150 ms a check on these machines, slow enough to make guessing expensive.
const COST = 11;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the account does not exist, so unknown users cost the same time as wrong passwords.
const dummyHash = bcrypt.hashSync("not-a-real-password", COST);

export async function verifyOrBurn(password: string, hash: string | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? dummyHash);
  return hash !== undefined && ok;
}
