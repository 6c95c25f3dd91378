// The statics a file declares that can hold process-wide state: file-scope
// and function-static variables of object, pointer or struct type. Module
// plumbing (the def, method tables, slot arrays) and plain scalars are left
// out; the state analysis (moduleState.ts) decides which of these are written.
import type { Node } from 'web-tree-sitter';
import type { FileModel, FunctionInfo, Span } from '../model';
import { declaredName, spanOf } from './nodes';

const PLUMBING_TYPES = /^(?:PyModuleDef|PyMethodDef|PyMemberDef|PyGetSetDef|PyModuleDef_Slot|PyType_Slot|PyType_Spec|PyBufferProcs|PyNumberMethods|PySequenceMethods|PyMappingMethods|PyAsyncMethods|PyStructSequence_Field|PyStructSequence_Desc)$/;
/** Scalars a typedef may name: not object, pointer or struct state. */
const SCALAR_TYPES = /^(?:Py_ssize_t|Py_hash_t|Py_UCS[124]|size_t|ssize_t|u?int(?:8|16|32|64|ptr|max)?_t|bool|BOOL|wchar_t|npy_intp|npy_uintp)$/;

export interface StaticVar {
  name: string;
  span: Span;
  isType: boolean;
  /** Declared inside this function (a function-static), else file scope. */
  owner?: FunctionInfo;
}

/** File-scope and function-static variables of object, pointer or struct type (plumbing left out). */
export function staticVariables(model: FileModel): StaticVar[] {
  const found: StaticVar[] = [];
  const functionNodes = new Map([...model.functions.values()].map((f) => [f.node.id, f]));
  const addDeclaration = (decl: Node, owner: FunctionInfo | undefined): void => {
    const typeNode = decl.childForFieldName('type');
    const typeName = (typeNode?.text.replace(/\s+/g, ' ').trim() ?? '').replace(/^struct /, '');
    for (const d of decl.childrenForFieldName('declarator')) {
      if (!d || isFunctionDeclarator(d)) continue;
      const name = declaredName(d)?.text;
      if (!name) continue;
      const pointer = /pointer_declarator/.test(declaratorShape(d));
      const isType = !pointer && /^PyTypeObject$/.test(typeName);
      if (!pointer && (PLUMBING_TYPES.test(typeName) || isScalar(typeNode, typeName))) continue;
      if (pointer && /^(?:const )?char$/.test(typeName) && isConstPointer(decl)) continue;
      found.push({ name, span: spanOf(d), isType, owner });
    }
  };
  // Function-statics: the static declarations of a body, not inside another
  // declaration or a nested function. A native filtered walk, and a text test
  // before any node is read: bodies are most of a file's nodes.
  const visitBody = (fn: FunctionInfo): void => {
    for (const decl of fn.body.descendantsOfType('declaration')) {
      if (!decl || !/\bstatic\b/.test(model.text.slice(decl.startIndex, decl.endIndex))) continue;
      if (!decl.children.some((c) => c?.type === 'storage_class_specifier' && c.text === 'static')) continue;
      if (insideDeclarationOrFunction(decl, fn.body)) continue;
      addDeclaration(decl, fn);
    }
  };
  const visit = (node: Node): void => {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'function_definition') {
        const fn = functionNodes.get(child.id);
        if (fn) visitBody(fn);
      } else if (child.type === 'declaration') addDeclaration(child, undefined);
      else if (['linkage_specification', 'declaration_list', 'namespace_definition', 'preproc_if', 'preproc_ifdef', 'preproc_else', 'preproc_elif'].includes(child.type)) visit(child);
    }
  };
  visit(model.tree.rootNode);
  return found;
}

function insideDeclarationOrFunction(node: Node, body: Node): boolean {
  for (let p = node.parent; p && p.id !== body.id; p = p.parent) if (p.type === 'declaration' || p.type === 'function_definition') return true;
  return false;
}

function isFunctionDeclarator(d: Node): boolean {
  for (let n: Node | null = d; n; n = n.childForFieldName('declarator')) {
    if (n.type === 'function_declarator') return true;
    if (n.type === 'parenthesized_declarator') return false;
  }
  return false;
}

function declaratorShape(d: Node): string {
  const shape: string[] = [];
  for (let n: Node | null = d; n; n = n.childForFieldName('declarator') ?? (n.type === 'parenthesized_declarator' ? n.namedChild(0) : null)) shape.push(n.type);
  return shape.join(' ');
}

function isScalar(typeNode: Node | null, typeName: string): boolean {
  if (!typeNode) return true;
  if (typeNode.type === 'primitive_type' || typeNode.type === 'sized_type_specifier' || typeNode.type === 'enum_specifier') return true;
  return SCALAR_TYPES.test(typeName);
}

function isConstPointer(decl: Node): boolean {
  return decl.children.some((c) => c?.type === 'type_qualifier' && c.text === 'const');
}
