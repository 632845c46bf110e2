import { useState } from 'react';
import type { School } from '../../../shared/api';
import { toUserMessage } from '../../app/api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useDisconnectWondeMutation } from './queries';

type DisconnectWondeProps = {
  school: School;
  /** Whether there is a connection or a request to end: approved or pending. */
  canDisconnect: boolean;
  /** Access was requested and not yet approved. */
  isAwaitingApproval: boolean;
  onDisconnected: () => void;
};

/**
 * Revoke Plaster's access in Wonde and remove the synced directory, after asking to be sure.
 * Stays mounted when the state changes, so the dialog closes and the outcome is reported.
 */
export function DisconnectWonde({
  school,
  canDisconnect,
  isAwaitingApproval,
  onDisconnected,
}: DisconnectWondeProps) {
  const disconnect = useDisconnectWondeMutation(school.id);
  const [isConfirming, setIsConfirming] = useState(false);

  const handleOpen = () => {
    disconnect.reset();
    setIsConfirming(true);
  };

  const handleConfirm = () => {
    disconnect.mutate(undefined, {
      onSuccess: () => {
        setIsConfirming(false);
        onDisconnected();
      },
    });
  };

  return (
    <>
      {canDisconnect && (
        <div className="disconnect">
          <h3 className="section-title">Disconnect</h3>
          <p className="muted">
            {isAwaitingApproval
              ? 'Withdraw the request for access. You can connect again later.'
              : 'Stop syncing this school. You can connect again later.'}
          </p>
          <button type="button" className="button button--danger" onClick={handleOpen}>
            Disconnect
          </button>
        </div>
      )}
      <ConfirmDialog
        isOpen={isConfirming}
        title={`Disconnect ${school.name} from Wonde?`}
        confirmLabel="Disconnect"
        isDestructive
        isPending={disconnect.isPending}
        error={disconnect.error ? toUserMessage(disconnect.error) : null}
        onConfirm={handleConfirm}
        onCancel={() => setIsConfirming(false)}
      >
        <p>
          This revokes Plaster’s access to the school in Wonde and removes the synced staff and
          pupils from Plaster, so they can no longer be picked when logging an incident.
        </p>
        <p>
          Incidents already logged are kept, with the names they were recorded with. You can connect
          again later.
        </p>
      </ConfirmDialog>
    </>
  );
}
