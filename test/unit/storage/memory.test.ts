import { createMemoryStorage } from '../../../server/storage/memory.js';
import { runStorageContract } from './contract.js';

runStorageContract('memory', () => createMemoryStorage());
