import { finishConsult } from './consultCommand';

/** `icws.completeConsult(consult)`: the consulted party takes the call. */
export const completeConsult = finishConsult(
  'icws.completeConsult',
  'completing',
  (session, consult) => session.interactions.concludeConsult(consult),
  (caller, consulted) => `consult completed: ${caller} transferred to ${consulted}`,
);
