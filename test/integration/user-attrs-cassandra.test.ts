// The UserAttrStore contract against a real Cassandra (IM_IT_CASSANDRA) in a random keyspace,
// through the whole Cassandra store (migration 8 creates the tables).
import { userAttrsContract } from '../contract/user-attrs.contract.js';
import { itKeyspace } from '../support/it-keyspace.js';

const ks = itKeyspace('it_attrs');
userAttrsContract('cassandra', () => ks.open());
