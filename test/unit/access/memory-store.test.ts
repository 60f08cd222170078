import { createMemoryAccessStore } from '../../../server/access/memory-store.js';
import { runAccessStoreContract } from './store-contract.js';

runAccessStoreContract('memory', () => createMemoryAccessStore());
