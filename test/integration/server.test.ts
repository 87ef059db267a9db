import { serverContract } from './server.contract.ts';
import { SKIP_UWS } from '../support/uws.ts';

// One contract, both transports.
if (!SKIP_UWS) serverContract('uws');
serverContract('ws');
