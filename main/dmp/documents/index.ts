export { createDocumentsHandlers, type DocumentOutbox, type DocumentsGroupHandlers } from './service';
export { createDocumentCaller, type DocumentCall, type DocumentCaller } from './call';
