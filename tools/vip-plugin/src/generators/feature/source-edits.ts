import type { Tree } from '@nx/devkit';
import * as ts from 'typescript';

/**
 * Small, syntax-aware edits of the workspace's wiring files (app.module.ts, data-source.ts,
 * migrations/index.ts, app.routes.ts). They find arrays by name in the parsed source, so
 * they survive reformatting; anything unexpected stops the generator with the file named.
 */

function parse(tree: Tree, path: string): { text: string; source: ts.SourceFile } {
  const text = tree.read(path, 'utf-8');
  if (text === null) throw new Error(`${path} does not exist: is this the VIP Coordinator workspace?`);
  return { text, source: ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true) };
}

function find<T extends ts.Node>(node: ts.Node, test: (candidate: ts.Node) => candidate is T): T | undefined {
  if (test(node)) return node;
  return ts.forEachChild(node, (child) => find(child, test));
}

function propertyName(node: ts.ObjectLiteralElementLike): string | undefined {
  return ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))
    ? node.name.text
    : undefined;
}

/** The array assigned to `const <name> = [...]`. */
export function arrayOfVariable(name: string) {
  return (source: ts.SourceFile): ts.ArrayLiteralExpression | undefined =>
    find(
      source,
      (node): node is ts.VariableDeclaration =>
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        node.name.text === name &&
        !!node.initializer &&
        ts.isArrayLiteralExpression(node.initializer),
    )?.initializer as ts.ArrayLiteralExpression | undefined;
}

/** The first array written as `<name>: [...]` in an object literal. */
export function arrayOfProperty(name: string) {
  return (source: ts.SourceFile): ts.ArrayLiteralExpression | undefined =>
    find(
      source,
      (node): node is ts.PropertyAssignment =>
        ts.isPropertyAssignment(node) && propertyName(node) === name && ts.isArrayLiteralExpression(node.initializer),
    )?.initializer as ts.ArrayLiteralExpression | undefined;
}

/** The shell's child routes (`children` of the route with children), else the top-level routes. */
export function childRoutes(source: ts.SourceFile): ts.ArrayLiteralExpression | undefined {
  return arrayOfProperty('children')(source) ?? arrayOfVariable('appRoutes')(source);
}

/** The `path` of a route object literal, when it is a plain string. */
export function routePath(element: ts.Expression): string | undefined {
  if (!ts.isObjectLiteralExpression(element)) return undefined;
  const path = element.properties.find((property) => propertyName(property) === 'path');
  return path && ts.isPropertyAssignment(path) && ts.isStringLiteral(path.initializer)
    ? path.initializer.text
    : undefined;
}

/**
 * Adds `element` to the array `locate` finds: before the first element `before` accepts,
 * else at the end. Layout is left to Prettier (`formatFiles`).
 */
export function insertIntoArray(
  tree: Tree,
  path: string,
  locate: (source: ts.SourceFile) => ts.ArrayLiteralExpression | undefined,
  element: string,
  before?: (existing: ts.Expression) => boolean,
): void {
  const { text, source } = parse(tree, path);
  const array = locate(source);
  if (!array) throw new Error(`Could not find where to register the feature in ${path}`);
  const anchor = before ? array.elements.find(before) : undefined;
  let updated: string;
  if (anchor) {
    const at = anchor.getStart(source);
    updated = `${text.slice(0, at)}${element},\n${text.slice(at)}`;
  } else if (array.elements.length === 0) {
    const at = array.getEnd() - 1;
    updated = `${text.slice(0, at)}${element}${text.slice(at)}`;
  } else {
    const at = array.elements[array.elements.length - 1].getEnd();
    updated = `${text.slice(0, at)}, ${element}${text.slice(at)}`;
  }
  tree.write(path, updated);
}

/** The object literal assigned to `const <name> = {...}`. */
export function objectOfVariable(name: string) {
  return (source: ts.SourceFile): ts.ObjectLiteralExpression | undefined =>
    find(
      source,
      (node): node is ts.VariableDeclaration =>
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        node.name.text === name &&
        !!node.initializer &&
        ts.isObjectLiteralExpression(node.initializer),
    )?.initializer as ts.ObjectLiteralExpression | undefined;
}

/** Adds `properties` (with any comments) after the last property of the object `locate` finds. */
export function appendToObject(
  tree: Tree,
  path: string,
  locate: (source: ts.SourceFile) => ts.ObjectLiteralExpression | undefined,
  properties: string,
): void {
  const { text, source } = parse(tree, path);
  const object = locate(source);
  if (!object) throw new Error(`Could not find where to register the feature in ${path}`);
  const last = object.properties[object.properties.length - 1];
  const at = last ? last.getEnd() : object.getEnd() - 1;
  // The object's own trailing comma, if any, then follows the new properties.
  const added = properties.trimEnd().replace(/,$/, '');
  tree.write(path, `${text.slice(0, at)}${last ? ',' : ''}\n${added}${text.slice(at)}`);
}

/** Adds an import declaration after the last one. */
export function addImport(tree: Tree, path: string, declaration: string): void {
  const { text, source } = parse(tree, path);
  const imports = source.statements.filter(ts.isImportDeclaration);
  if (!imports.length) return tree.write(path, `${declaration}\n${text}`);
  const at = imports[imports.length - 1].getEnd();
  tree.write(path, `${text.slice(0, at)}\n${declaration}${text.slice(at)}`);
}

/** Appends a line to a file (an `export *` to a barrel). */
export function appendLine(tree: Tree, path: string, line: string): void {
  const text = tree.read(path, 'utf-8');
  if (text === null) throw new Error(`${path} does not exist`);
  tree.write(path, `${text.replace(/\n*$/, '\n')}${line}\n`);
}
