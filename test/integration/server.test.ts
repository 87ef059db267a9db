import { serverContract } from './server.contract.ts';

// One contract, both transports.
serverContract('uws');
serverContract('ws');
