import { useState } from 'react';
import type { User } from '../../../shared/api';
import { toUserMessage } from '../../app/api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { StatusMessage } from '../../components/StatusMessage';
import { useUpdateUserMutation } from './queries';

type UserStatusSectionProps = { user: User; isSelf: boolean };

/** Deactivate or reactivate a user, after asking to be sure. */
export function UserStatusSection({ user, isSelf }: UserStatusSectionProps) {
  const updateUser = useUpdateUserMutation(user.id);
  const [isConfirming, setIsConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const handleConfirm = () => {
    const active = !user.active;
    updateUser.mutate(
      { active },
      {
        onSuccess: () => {
          setIsConfirming(false);
          setNotice(
            active ? `${user.name} can sign in again.` : `${user.name} has been deactivated.`,
          );
        },
      },
    );
  };

  const handleOpen = () => {
    updateUser.reset();
    setNotice(null);
    setIsConfirming(true);
  };

  return (
    <section className="card" aria-labelledby="user-status">
      <h2 id="user-status" className="card__title">
        {user.active ? 'Deactivate' : 'Reactivate'}
      </h2>
      <StatusMessage message={notice} />
      {isSelf ? (
        <p className="muted">You cannot deactivate your own account.</p>
      ) : user.active ? (
        <>
          <p className="muted">
            A deactivated user is signed out at once and cannot sign in. Everything they recorded is
            kept, and you can reactivate them later.
          </p>
          <button type="button" className="button button--danger" onClick={handleOpen}>
            Deactivate user
          </button>
        </>
      ) : (
        <>
          <p className="muted">
            {user.name} is deactivated and cannot sign in. Reactivating lets them sign in again with
            their existing password.
          </p>
          <button type="button" className="button" onClick={handleOpen}>
            Reactivate user
          </button>
        </>
      )}
      <ConfirmDialog
        isOpen={isConfirming}
        title={user.active ? `Deactivate ${user.name}?` : `Reactivate ${user.name}?`}
        confirmLabel={user.active ? 'Deactivate' : 'Reactivate'}
        isDestructive={user.active}
        isPending={updateUser.isPending}
        error={updateUser.error ? toUserMessage(updateUser.error) : null}
        onConfirm={handleConfirm}
        onCancel={() => setIsConfirming(false)}
      >
        {user.active ? (
          <p>
            {user.name} ({user.email}) will be signed out straight away and will not be able to sign
            in until someone reactivates them.
          </p>
        ) : (
          <p>
            {user.name} ({user.email}) will be able to sign in again with their existing password.
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
