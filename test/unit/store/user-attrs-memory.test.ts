// The UserAttrStore contract against the in-process store.
import { createMemoryStore } from '../../../src/store/memory/index.js';
import { userAttrsContract } from '../../contract/user-attrs.contract.js';

userAttrsContract('memory', async () => createMemoryStore());
