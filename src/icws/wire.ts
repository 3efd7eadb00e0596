// The ICWS wire shapes, in one place. Property spellings follow the vendor's data contracts
// (docs/protocol.md): note `queueIds` on subscriptions but `queueID` on
// transfers, and `interactionID` on morph messages but `interactionId` in queue contents.

export const URN = {
  icAuthConnectionRequest: 'urn:inin.com:connection:icAuthConnectionRequestSettings',
  connectionStateChangeMessage: 'urn:inin.com:connection:connectionStateChangeMessage',
  queueContentsMessage: 'urn:inin.com:queues:queueContentsMessage',
  queueSubscriptionStateMessage: 'urn:inin.com:queues:queueSubscriptionStateMessage',
  interactionMorphedMessage: 'urn:inin.com:interactions:interactionMorphedMessage',
  createCallParameters: 'urn:inin.com:interactions:createCallParameters',
  userStatusMessage: 'urn:inin.com:status:userStatusMessage',
} as const;

/** One status a user can be in (`urn:inin.com:status:statusMessage`). */
export interface StatusMessage {
  statusId: string;
  messageText: string;
  iconUri: string;
  groupTag: string;
  canHaveDate: boolean;
  canHaveTime: boolean;
  isDoNotDisturbStatus: boolean;
  isSelectableStatus: boolean;
  isPersistentStatus: boolean;
  isForwardStatus: boolean;
  isAfterCallWorkStatus: boolean;
  /** ACD calls are routed to an agent in this status. */
  isAcdStatus: boolean;
  isAllowFollowUpStatus: boolean;
  systemId: string;
}

/** A user's current status (`urn:inin.com:status:userStatus`). */
export interface UserStatus {
  userId: string;
  statusId: string;
  notes?: string;
  forwardNumber?: string;
  statusChanged?: string;
  loggedIn?: boolean;
  onPhone?: boolean;
  stations?: string[];
}

/** PUT body of a user status (`urn:inin.com:status:userStatusUpdate`). */
export interface UserStatusUpdate {
  statusId: string;
  notes?: string;
  forwardNumber?: string;
}

export interface UserStatusMessage extends IcwsMessage {
  userStatusList: UserStatus[];
}

/** Header names, as ICWS spells them. */
export const HEADER = {
  csrfToken: 'ININ-ICWS-CSRF-Token',
  sessionId: 'ININ-ICWS-Session-ID',
} as const;

/** The media type ICWS answers with (compare case-insensitively: servers send upper-case JSON). */
export const ICWS_MEDIA_TYPE = 'application/vnd.inin.icws+JSON; charset=utf-8';

export interface IcwsErrorBody {
  message?: string;
  errorId?: string;
  errorCode?: number;
  __type?: string;
  propertyName?: string;
}

export interface IcAuthConnectionRequest {
  __type: typeof URN.icAuthConnectionRequest;
  applicationName: string;
  userID: string;
  password: string;
}

export interface FeatureInfo {
  featureId: string;
  version: number;
}

export interface VersionInfo {
  majorVersion: string;
  minorVersion: string;
  su: string;
  build: string;
  productId: string;
  codebaseId: string;
  productReleaseDisplayString?: string;
  productPatchDisplayString?: string;
}

export interface ConnectionResponse {
  sessionId: string;
  csrfToken: string;
  alternateHostList?: string[];
  userID?: string;
  userDisplayName?: string;
  icServer?: string;
  daysUntilPasswordExpiration?: number;
  version?: VersionInfo;
  features?: FeatureInfo[];
}

export interface AlternateHosts {
  alternateHostList: string[];
  errorId?: string;
  message?: string;
}

/** `connectionState` enum: 0 none, 1 up, 2 down. */
export const enum ConnectionState {
  None = 0,
  Up = 1,
  Down = 2,
}

export interface ConnectionSettings {
  connectionState: ConnectionState;
  reason?: string;
  shouldReconnect?: boolean;
}

/** `queueType` enum numbers. */
export enum QueueType {
  System = 0,
  User = 1,
  Workgroup = 2,
  Station = 3,
}

export interface QueueId {
  queueType: QueueType;
  queueName: string;
}

export interface QueueSubscriptionParameters {
  queueIds: QueueId[];
  attributeNames: string[];
}

/** Every asynchronous message: dispatch on `__type`. */
export interface IcwsMessage {
  __type: string;
  isDelta: boolean;
  [property: string]: unknown;
}

export interface QueueInteraction {
  interactionId: string;
  attributes: Record<string, string>;
  conferenceParentId?: string;
}

export interface QueueContentsMessage extends IcwsMessage {
  __type: typeof URN.queueContentsMessage;
  subscriptionId: string;
  queueResultLimitExceeded?: boolean;
  interactionsAdded?: QueueInteraction[];
  interactionsChanged?: QueueInteraction[];
  interactionsRemoved?: string[];
}

export interface InteractionMorphedMessage extends IcwsMessage {
  __type: typeof URN.interactionMorphedMessage;
  interactionID: string;
  newInteractionID: string;
}

export interface ConnectionStateChangeMessage extends IcwsMessage {
  __type: typeof URN.connectionStateChangeMessage;
  previousConnectionState: ConnectionState;
  newConnectionState: ConnectionState;
  reason: string;
  shouldReconnect?: boolean;
}

/** `subscriptionStateMessage.state`: 0 None, 1 Normal, 2 Suspended, 3 Faulted. */
export const enum SubscriptionState {
  None = 0,
  Normal = 1,
  Suspended = 2,
  Faulted = 3,
}

export interface TransferParameters {
  target?: string;
  queueID?: QueueId;
}

export interface CreateConsultParameters extends TransferParameters {
  callMadeStage?: number;
  additionalAttributes?: Record<string, string>;
}

/** A configuration object's identity (configuration API): `id` is the object's name. */
export interface ConfigurationId {
  id: string;
  displayName?: string;
  uri?: string;
}

/** GET /icws/{sessionId}/configuration/workgroups (`Workgroups`); without `select`, only identities. */
export interface WorkgroupList {
  items: { configurationId: ConfigurationId }[];
}

export interface ConsultTransferResult {
  consultId: string;
  consultInteractionId: string;
}

export interface ConsultTransferAudience {
  originalParty?: boolean;
  consultedParty?: boolean;
}

export interface ChangeAudienceParameters {
  audience: ConsultTransferAudience;
}

export interface CreateCallParameters {
  __type: typeof URN.createCallParameters;
  target: string;
  workgroup?: string;
  additionalAttributes?: Record<string, string>;
}

export interface InteractionCreated {
  interactionId: string;
}

export interface InteractionAttributes {
  attributes: Record<string, string>;
}

/** `Eic_State` letters (the attribute value, not the typed InteractionState enum). */
export const EIC_STATE = {
  alerting: 'A',
  connected: 'C',
  held: 'H',
  messaging: 'M',
  offering: 'O',
  parked: 'P',
  proceeding: 'R',
  suspended: 'X',
  system: 'S',
  internallyDisconnected: 'I',
  externallyDisconnected: 'E',
} as const;

export type EicState = (typeof EIC_STATE)[keyof typeof EIC_STATE] | '';
