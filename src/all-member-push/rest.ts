// The all_member_push service (spec §2, #17): push audiences (attribute names, user attributes,
// user tags) and im_push, which answers a TaskId and sends in the background.
import type { CommandTable } from '../rest/context.js';
import { imGetAttr, imGetAttrName, imRemoveAttr, imSetAttr, imSetAttrName } from './rest-attrs.js';
import { imPush } from './rest-push.js';
import { imAddTag, imGetTag, imRemoveAllTags, imRemoveTag } from './rest-tags.js';

export const allMemberPushTable = {
  all_member_push: {
    im_push: imPush,
    im_set_attr_name: imSetAttrName,
    im_get_attr_name: imGetAttrName,
    im_get_attr: imGetAttr,
    im_set_attr: imSetAttr,
    im_remove_attr: imRemoveAttr,
    im_get_tag: imGetTag,
    im_add_tag: imAddTag,
    im_remove_tag: imRemoveTag,
    im_remove_all_tags: imRemoveAllTags,
  },
} satisfies CommandTable;
