import { finishConsult } from './consultCommand';

/** `icws.cancelConsult(consult)`: the consult leg ends and the caller stays held. */
export const cancelConsult = finishConsult(
  'icws.cancelConsult',
  'cancelling',
  (session, consult) => session.interactions.cancelConsult(consult),
  (caller, consulted) => `consult with ${consulted} cancelled: ${caller} stays on hold`,
);
