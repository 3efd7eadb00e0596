import { defineCommand } from '../CommandContext';

export const showLog = defineCommand('icws.showLog', (context) => () => context.log.show());
