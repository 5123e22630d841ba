import { isRole, Role, ROLES } from './role';

describe('Role', () => {
  it('lists exactly the three roles of the contract', () => {
    expect([...ROLES].sort()).toEqual(['administrator', 'coordinator', 'driver']);
  });

  it('recognises roles and rejects anything else', () => {
    expect(isRole(Role.Driver)).toBe(true);
    expect(isRole('Administrator')).toBe(false);
    expect(isRole('root')).toBe(false);
    expect(isRole(1)).toBe(false);
  });
});
