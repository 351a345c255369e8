import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { ApiErrorBody } from '../../../../api/result';
import type { UserListItemSchema, usersContract } from '../../../../api/contracts/users-contract';
import { ROLES, type Role } from '../../../../domain/workflow/application-workflow';
import type { AreaClient } from '../../api/area-client';
import { api } from '../../api/transport';
import { ErrorNotice } from '../../app/ErrorNotice';
import { useLocaleStore, useT } from '../../i18n/locale-store';
import { formatMacauDateTime } from '../approval/format-time';
import { PasswordField } from './PasswordField';

type User = z.output<typeof UserListItemSchema>;
const usersApi: AreaClient<typeof usersContract> = api;

/**
 * Issue 13, item 1: the administrator of a standalone workstation creates users, resets a
 * password, deactivates, reactivates and unlocks — and sees each user's state. The core
 * decides (roles, the last administrator, a password's length); this screen says what it said.
 * Once the workstation takes its users from the central server, the list is read-only.
 */
export function UserManagement() {
  const t = useT();
  const locale = useLocaleStore((s) => s.locale);
  const [users, setUsers] = useState<User[]>([]);
  const [managedCentrally, setManagedCentrally] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  const load = useCallback(async () => {
    const r = await usersApi['users.list']({});
    if (r.ok) {
      setUsers(r.value.users);
      setManagedCentrally(r.value.managedCentrally);
    } else setError(r.error);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  /** Runs one change; on success reloads the list and says what was done. */
  const change = async (run: () => ReturnType<(typeof usersApi)['users.unlock']>, said: (u: User) => string): Promise<boolean> => {
    const r = await run();
    if (!r.ok) {
      setError(r.error);
      setNotice(null);
      return false;
    }
    // The list first, then the notice: when the clerk reads "deactivated", the row says so too.
    await load();
    setError(null);
    setNotice(said(r.value));
    return true;
  };

  const stateOf = (u: User) =>
    [
      u.active ? t('users.state.active') : t('users.state.inactive'),
      u.lockedUntil ? t('users.state.lockedUntil', { until: formatMacauDateTime(locale, u.lockedUntil) }) : null,
      u.mustChangePassword ? t('users.state.mustChange') : null,
    ]
      .filter(Boolean)
      .join(' · ');

  return (
    <div className="user-management">
      <p>{managedCentrally ? t('users.managedCentrally') : t('users.intro')}</p>
      {notice ? (
        <p role="status" tabIndex={-1} ref={noticeRef} className="notice">
          {notice}
        </p>
      ) : null}
      <ErrorNotice error={error} />
      <h2 id="users-list-title">{t('users.list.title')}</h2>
      <table className="worklist users-list" aria-labelledby="users-list-title">
        <thead>
          <tr>
            <th scope="col">{t('users.col.staffNumber')}</th>
            <th scope="col">{t('users.col.name')}</th>
            <th scope="col">{t('users.col.roles')}</th>
            <th scope="col">{t('users.col.state')}</th>
            {managedCentrally ? null : <th scope="col">{t('users.col.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.userId} data-staff-number={u.staffNumber}>
              <td>{u.staffNumber}</td>
              <td>{u.displayName}</td>
              <td>{u.roles.map((r) => t(`auth.role.${r}`)).join('、')}</td>
              <td>{stateOf(u)}</td>
              {managedCentrally ? null : (
                <td className="user-actions">
                  <button type="button" onClick={() => setResetting(u)} aria-label={`${t('users.action.reset')}: ${u.displayName}`}>
                    {t('users.action.reset')}
                  </button>
                  {u.lockedUntil ? (
                    <button
                      type="button"
                      aria-label={`${t('users.action.unlock')}: ${u.displayName}`}
                      onClick={() =>
                        void change(
                          () => usersApi['users.unlock']({ staffNumber: u.staffNumber }),
                          (x) => t('users.done.unlocked', { name: x.displayName }),
                        )
                      }
                    >
                      {t('users.action.unlock')}
                    </button>
                  ) : null}
                  <button
                    type="button"
                    aria-label={`${u.active ? t('users.action.deactivate') : t('users.action.activate')}: ${u.displayName}`}
                    onClick={() =>
                      void change(
                        () => usersApi['users.setActive']({ staffNumber: u.staffNumber, active: !u.active }),
                        (x) => t(x.active ? 'users.done.activated' : 'users.done.deactivated', { name: x.displayName }),
                      )
                    }
                  >
                    {u.active ? t('users.action.deactivate') : t('users.action.activate')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {resetting ? (
        <ResetPassword
          user={resetting}
          onCancel={() => setResetting(null)}
          onReset={async (temporaryPassword) => {
            const ok = await change(
              () => usersApi['users.resetPassword']({ staffNumber: resetting.staffNumber, temporaryPassword }),
              (x) => t('users.reset.done', { name: x.displayName }),
            );
            if (ok) setResetting(null);
          }}
        />
      ) : null}
      {managedCentrally ? null : (
        <CreateUser
          onCreate={(input) =>
            change(
              () => usersApi['users.create'](input),
              (x) => t('users.create.done', { name: x.displayName, staffNumber: x.staffNumber }),
            )
          }
        />
      )}
    </div>
  );
}

function ResetPassword({ user, onCancel, onReset }: { user: User; onCancel: () => void; onReset: (password: string) => Promise<void> }) {
  const t = useT();
  const [password, setPassword] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await onReset(password);
    setPassword('');
  };
  return (
    <form className="reset-password" onSubmit={(e) => void submit(e)} aria-labelledby="reset-title">
      <h3 id="reset-title">{t('users.reset.title', { name: user.displayName })}</h3>
      <PasswordField label={t('users.reset.password')} value={password} onChange={setPassword} autoComplete="new-password" autoFocus name="resetPassword" />
      <div className="actions">
        <button type="submit">{t('users.reset.submit')}</button>
        <button type="button" onClick={onCancel}>
          {t('users.action.cancel')}
        </button>
      </div>
    </form>
  );
}

function CreateUser({
  onCreate,
}: {
  onCreate: (input: { staffNumber: string; displayName: string; roles: Role[]; temporaryPassword: string }) => Promise<boolean>;
}) {
  const t = useT();
  const [staffNumber, setStaffNumber] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<Role[]>(['clerk']);
  const [password, setPassword] = useState('');
  const [noRole, setNoRole] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (roles.length === 0) return setNoRole(true);
    setNoRole(false);
    const ok = await onCreate({ staffNumber: staffNumber.trim(), displayName: displayName.trim(), roles, temporaryPassword: password });
    setPassword('');
    if (ok) {
      setStaffNumber('');
      setDisplayName('');
      setRoles(['clerk']);
    }
  };
  const toggle = (r: Role) => setRoles((rs) => (rs.includes(r) ? rs.filter((x) => x !== r) : [...rs, r]));
  return (
    <form className="create-user" onSubmit={(e) => void submit(e)} aria-labelledby="create-user-title">
      <h2 id="create-user-title">{t('users.create.title')}</h2>
      <label>
        {t('users.create.staffNumber')}
        <input value={staffNumber} onChange={(e) => setStaffNumber(e.target.value)} required maxLength={20} pattern="[A-Za-z0-9\-]{1,20}" name="staffNumber" />
      </label>
      <label>
        {t('users.create.displayName')}
        <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} required maxLength={100} name="displayName" />
      </label>
      <fieldset>
        <legend>{t('users.create.roles')}</legend>
        {ROLES.map((r) => (
          <label key={r}>
            <input type="checkbox" checked={roles.includes(r)} onChange={() => toggle(r)} /> {t(`auth.role.${r}`)}
          </label>
        ))}
      </fieldset>
      {noRole ? (
        <p role="alert" className="field-error">
          {t('users.error.noRole')}
        </p>
      ) : null}
      <PasswordField label={t('users.create.password')} value={password} onChange={setPassword} autoComplete="new-password" name="temporaryPassword" />
      <button type="submit">{t('users.create.submit')}</button>
    </form>
  );
}
