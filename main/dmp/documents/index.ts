export { createDocumentsHandlers, type DocumentsGroupHandlers } from './service';
export { createDocumentCaller, type DocumentCall, type DocumentCaller } from './call';
